namespace Orchestrator.Compliance.Results;

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
