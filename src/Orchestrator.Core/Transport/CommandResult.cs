namespace Orchestrator.Core.Transport;

public sealed record CommandResult(int ExitCode, string Stdout, string Stderr, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// Bytes of stdout and stderr the transport dropped past its output limit (a marker line says so at the end of
    /// the stream). A caller that parses the output must treat a truncated output as an error, never as data.
    /// </summary>
    public long TruncatedBytes { get; init; }

    public bool Truncated => TruncatedBytes > 0;
}
