namespace Orchestrator.Lab.Calls;

/// <summary>What <c>lab calls</c> did: sipp's counts and what the host's FreeSWITCH log gained meanwhile.</summary>
/// <param name="Succeeded">sipp's SuccessfulCall count.</param>
/// <param name="Failed">sipp's FailedCall count.</param>
/// <param name="Rejected488">INVITEs answered 488 (sipp logged them as unexpected messages).</param>
/// <param name="BindErrors">The new <c>[Bind Error! ip:port]</c> log lines' ip:port, in order.</param>
/// <param name="CodecNegotiationErrors">New <c>CODEC NEGOTIATION ERROR</c> log lines.</param>
/// <param name="SippExitCode">0 when every call succeeded, 1 when some failed (sipp's convention).</param>
public sealed record LabCallResult(
    string Host,
    int Requested,
    int Succeeded,
    int Failed,
    int Rejected488,
    IReadOnlyList<string> BindErrors,
    int CodecNegotiationErrors,
    int SippExitCode,
    TimeSpan Duration)
{
    public int BindErrorLines => BindErrors.Count;

    /// <summary>The ports of the bind errors.</summary>
    public IReadOnlyList<int> BindErrorPorts =>
        BindErrors.Select(e => int.Parse(e[(e.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
