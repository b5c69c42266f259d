using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Results;

/// <summary>One control evaluated on one host.</summary>
/// <param name="Message">One line saying what was found.</param>
/// <param name="Evidence">The observed values, as plain data (string, long, double, bool, lists, maps).</param>
/// <param name="WaivedOutcome">For a waived control, what the check found underneath the waiver.</param>
public sealed record ControlResult(
    string Host,
    string ControlId,
    ControlStatus Status,
    string Message,
    IReadOnlyDictionary<string, object?> Evidence)
{
    public ControlStatus? WaivedOutcome { get; init; }

    /// <summary>The waiver's justification and expiry, for a waived control.</summary>
    public WaiverInfo? Waiver { get; init; }
}

public sealed record WaiverInfo(string Justification, DateTimeOffset Expires);

/// <summary>Whether a host could be checked.</summary>
public enum HostState
{
    Reachable,
    Unreachable,
}

/// <summary>Every control on one host.</summary>
public sealed record HostResult(string Host, HostState State, IReadOnlyList<ControlResult> Controls)
{
    /// <summary>Why the host could not be checked, when unreachable.</summary>
    public string? Error { get; init; }

    /// <summary>Facts used for pictures in reports (RTP range, capture ports, ephemeral and reserved ranges); null when unreachable.</summary>
    public HostPortPicture? Ports { get; init; }

    /// <summary>Reachable and no control failed or errored (waived and skipped do not count against it).</summary>
    public bool Compliant => State == HostState.Reachable && Controls.All(c => c.Status is ControlStatus.Pass or ControlStatus.Waived or ControlStatus.Skipped);
}

/// <summary>The port layout of a host, for the HTML picture and the JSON report.</summary>
public sealed record HostPortPicture(
    PortRange? Rtp,
    PortRange? Ephemeral,
    IReadOnlyList<PortRange> Reserved,
    IReadOnlyList<CapturePort> CapturePorts,
    string Placement);

public sealed record CapturePort(string LocalIp, int Port, bool Collides);

/// <summary>A control as reports show it (from the policy).</summary>
public sealed record ControlSummary(string Id, string Title, double Impact, string Description, string Remediation, string? Playbook, string CheckType);

/// <summary>One pass of the sweep over the selected hosts.</summary>
public sealed record SweepResult
{
    public required string PolicyName { get; init; }

    public required string PolicyPath { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required IReadOnlyList<ControlSummary> Controls { get; init; }

    public required IReadOnlyList<HostResult> Hosts { get; init; }

    /// <summary>"scheduled", "manual" or "remediation-recheck".</summary>
    public string Trigger { get; init; } = "manual";

    public int ExitCode => ExitCodes.For(this);

    public IEnumerable<ControlResult> AllResults => Hosts.SelectMany(h => h.Controls);
}

/// <summary>
/// The sweep's exit code is a bit set: 0 compliant, bit 2 non-compliant (a control failed or errored on a reachable
/// host), bit 4 a host was unreachable. So 6 means both. A usage or policy error exits 2 before any host is touched.
/// </summary>
public static class ExitCodes
{
    public const int Compliant = 0;
    public const int NonCompliant = 2;
    public const int Unreachable = 4;

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
