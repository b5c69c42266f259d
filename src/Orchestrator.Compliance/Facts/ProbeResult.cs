namespace Orchestrator.Compliance.Facts;

/// <summary>The output of one of the policy's own commands, run inside the facts batch.</summary>
public sealed record ProbeResult(int ExitCode, string Stdout, string Stderr);
