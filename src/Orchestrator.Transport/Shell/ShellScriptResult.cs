namespace Orchestrator.Transport.Shell;

/// <summary>
/// How a script ended: its exit code, its stderr (become prompts removed, notes appended), how long it ran, and how
/// many bytes of stdout and stderr were dropped past the output limit.
/// </summary>
internal sealed record ShellScriptResult(int ExitCode, string Stderr, TimeSpan Duration)
{
    public long StdoutDropped { get; init; }

    public long StderrDropped { get; init; }
}
