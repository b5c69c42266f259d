namespace Orchestrator.Transport.Shell;

/// <summary>How a script ended: its exit code, its stderr (become prompts removed, notes appended) and how long it ran.</summary>
internal sealed record ShellScriptResult(int ExitCode, string Stderr, TimeSpan Duration);
