namespace Orchestrator.Compliance.Results;

/// <summary>
/// The sweep's exit code is a bit set: 0 compliant, bit 2 non-compliant (a control failed or errored on a reachable
/// host), bit 4 a host was unreachable, bit 1 a report could not be written. So 6 means both of the first. A usage or
/// policy error exits 2 before any host is touched.
/// </summary>
public static class ExitCodes
{
    public const int Compliant = 0;
    public const int NonCompliant = 2;
    public const int Unreachable = 4;

    /// <summary>A report could not be written (the others were; the message says which and why).</summary>
    public const int ReportNotWritten = 1;

    public static int For(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var code = Compliant;
        if (result.Hosts.Any(h => h.State == HostState.Reachable && !h.Compliant))
        {
            code |= NonCompliant;
        }

        if (result.Hosts.Any(h => h.State == HostState.Unreachable))
        {
            code |= Unreachable;
        }

        return code;
    }
}
