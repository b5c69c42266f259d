namespace Orchestrator.Compliance.Facts;

/// <summary>The output of one of the policy's own commands, run inside the facts batch.</summary>
public sealed record ProbeResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Why the outputs did not come back (the exit code did), or null: empty <see cref="Stdout"/> is then not "printed nothing".</summary>
    public string? OutputUnreadable { get; init; }

    /// <summary>Stdout reached the cap and was cut there: a pattern not found in it may still be in what was cut.</summary>
    public bool StdoutTruncated { get; init; }
}
