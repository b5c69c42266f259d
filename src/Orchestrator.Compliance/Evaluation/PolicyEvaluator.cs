using Orchestrator.Compliance.Checks;
using Orchestrator.Compliance.Facts;
using Orchestrator.Compliance.Policies;
using Orchestrator.Compliance.Results;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Evaluation;

/// <summary>
/// Applies a policy to one host's facts: runs every control's check, marks controls whose host pattern excludes the host
/// as skipped, and turns the outcome of a control covered by a waiver in force into <c>waived</c>.
/// </summary>
internal sealed class PolicyEvaluator
{
    private readonly Policy _policy;
    private readonly TimeProvider _time;
    private readonly Func<string, IReadOnlySet<string>> _resolvePattern;
    private readonly Dictionary<string, IReadOnlySet<string>> _patternCache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="resolvePattern">Turns an Ansible host pattern into the host names it selects.</param>
    public PolicyEvaluator(Policy policy, TimeProvider time, Func<string, IReadOnlySet<string>> resolvePattern)
    {
        _policy = policy;
        _time = time;
        _resolvePattern = resolvePattern;
        var windows = policy.Controls.Select(c => c.Check.BindErrorWindow).OfType<TimeSpan>().ToList();
        var probes = policy.Controls.SelectMany(c => c.Check.Probes).DistinctBy(p => p.Key).ToList();
        Request = new FactsRequest(windows.Count > 0 ? windows.Max() : TimeSpan.Zero, probes, policy.Controls.Any(c => c.Check.NeedsConfiguration));
    }

    /// <summary>What the gatherer must collect for this policy.</summary>
    public FactsRequest Request { get; }

    public Policy Policy => _policy;

    public IReadOnlyList<ControlSummary> Summaries => _policy.Controls
        .Select(c => new ControlSummary(c.Id, c.Title, c.Impact, c.Description, c.Remediation.Text, c.Remediation.Playbook, c.CheckType))
        .ToList();

    public HostResult Evaluate(string host, HostFacts facts)
    {
        var now = _time.GetUtcNow();
        var results = new List<ControlResult>(_policy.Controls.Count);
        foreach (var control in _policy.Controls)
        {
            if (control.Hosts is { } pattern && !Resolve(pattern).Contains(host))
            {
                results.Add(new ControlResult(host, control.Id, ControlStatus.Skipped, $"not applicable: the control applies to hosts '{pattern}'", new Dictionary<string, object?>()));
                continue;
            }

            CheckOutcome outcome;
            try
            {
                outcome = control.Check.Evaluate(facts);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                outcome = CheckOutcome.Error($"the check failed to evaluate: {ex.Message}");
            }

            results.Add(ApplyWaiver(host, control, new ControlResult(host, control.Id, outcome.Status, outcome.Message, outcome.Evidence), now));
        }

        return new HostResult(host, HostState.Reachable, results) { Ports = Picture(facts) };
    }

    /// <summary>A host that could not be reached: every applicable control is an error (waivers still apply).</summary>
    public HostResult Unreachable(string host, string error)
    {
        var now = _time.GetUtcNow();
        var results = _policy.Controls
            .Select(control => control.Hosts is { } pattern && !Resolve(pattern).Contains(host)
                ? new ControlResult(host, control.Id, ControlStatus.Skipped, $"not applicable: the control applies to hosts '{pattern}'", new Dictionary<string, object?>())
                : ApplyWaiver(host, control, new ControlResult(host, control.Id, ControlStatus.Error, $"host unreachable: {error}", new Dictionary<string, object?>()), now))
            .ToList();
        return new HostResult(host, HostState.Unreachable, results) { Error = error };
    }

    private ControlResult ApplyWaiver(string host, Control control, ControlResult result, DateTimeOffset now)
    {
        var waiver = _policy.Waivers.FirstOrDefault(w =>
            w.ControlId == control.Id && w.InForceAt(now) && (w.Hosts is null || Resolve(w.Hosts).Contains(host)));
        if (waiver is null || result.Status is ControlStatus.Skipped)
        {
            return result;
        }

        return result with
        {
            Status = ControlStatus.Waived,
            WaivedOutcome = result.Status,
            Message = $"waived until {waiver.Expires.UtcDateTime:yyyy-MM-dd HH:mm}Z ({waiver.Justification}); underneath: {result.Status.ToWire()}: {result.Message}",
            Waiver = new WaiverInfo(waiver.Justification, waiver.Expires),
        };
    }

    private IReadOnlySet<string> Resolve(string pattern)
    {
        lock (_gate)
        {
            if (!_patternCache.TryGetValue(pattern, out var set))
            {
                set = _resolvePattern(pattern);
                _patternCache[pattern] = set;
            }

            return set;
        }
    }

    private static HostPortPicture? Picture(HostFacts facts)
    {
        if (facts.FreeSwitch is not { } fs)
        {
            return null;
        }

        var placement = facts.Placement;
        var sockets = placement?.Sockets
            .Select(s => new CapturePort(Ip(s.Socket.LocalAddress), s.Port, s.Verdict == SocketVerdict.Collides))
            .ToList()
            ?? fs.CaptureSockets.Select(s => new CapturePort(Ip(s.LocalAddress), s.LocalPort, false)).ToList();
        return new HostPortPicture(
            placement?.RtpRange ?? (fs.Config is { } c ? new PortRange(c.RtpStartPort, c.RtpEndPort) : null),
            fs.EphemeralRange,
            fs.ReservedPorts.Ranges,
            sockets,
            placement is null ? "unknown" : PlacementReport.VerdictName(placement.Verdict));
    }

    private static string Ip(System.Net.IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
