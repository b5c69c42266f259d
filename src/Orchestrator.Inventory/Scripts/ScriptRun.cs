namespace Orchestrator.Inventory.Scripts;

/// <summary>What one run of an inventory script gave: its exit code, its standard output and the start of its standard error.</summary>
internal sealed record ScriptRun(int ExitCode, byte[] Stdout, string Stderr);
