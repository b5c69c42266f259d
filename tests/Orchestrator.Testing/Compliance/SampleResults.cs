using Orchestrator.Compliance.Results;
using Orchestrator.Core.Secrets;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Testing.Compliance;

/// <summary>Sweep results written by hand, for history, report, metrics and console-report tests.</summary>
public static class SampleResults
{
    public static readonly IReadOnlyList<ControlSummary> Controls =
    [
        new("CLEAR", "Capture ports clear", 1.0, "No capture port in the RTP range.", "Reserve and toggle.", "/tmp/fix.yml", "capture_ports_clear"),
        new("PROTECTED", "Host protected", 0.8, "Reserved ports cover RTP.", "Reserve the range.", null, "host_protected"),
    ];

    /// <summary>A pass at <paramref name="at"/>; <paramref name="failing"/> maps host to the controls failing on it.</summary>
    public static SweepResult Pass(DateTimeOffset at, IReadOnlyDictionary<string, string[]> failing, string[]? unreachable = null, string trigger = "manual")
    {
        var hosts = new List<HostResult>();
        foreach (var (host, fails) in failing)
        {
            if (unreachable?.Contains(host) == true)
            {
                hosts.Add(new HostResult(host, HostState.Unreachable, Controls.Select(c => new ControlResult(host, c.Id, ControlStatus.Error, "host unreachable: network: no route", new Dictionary<string, object?>())).ToList()) { Error = "network: no route" });
                continue;
            }

            var controls = Controls.Select(c => fails.Contains(c.Id)
                    ? new ControlResult(host, c.Id, ControlStatus.Fail, $"{c.Id} failed on {host}", new Dictionary<string, object?> { ["colliding_ports"] = new List<object?> { 20010L }, ["rtp_range"] = "20000-20099" })
                    : new ControlResult(host, c.Id, ControlStatus.Pass, "ok", new Dictionary<string, object?> { ["rtp_range"] = "20000-20099" }))
                .ToList();
            hosts.Add(new HostResult(host, HostState.Reachable, controls)
            {
                Ports = new HostPortPicture(
                    new PortRange(20000, 20099),
                    new PortRange(20000, 20199),
                    fails.Length == 0 ? [new PortRange(20000, 20100)] : [],
                    [new CapturePort("10.0.0.5", fails.Contains("CLEAR") ? 20010 : 20150, fails.Contains("CLEAR"))],
                    fails.Contains("CLEAR") ? "colliding" : fails.Length > 0 ? "at-risk" : "protected"),
            });
        }

        return new SweepResult
        {
            PolicyName = "sample",
            PolicyPath = "/tmp/sample.yml",
            StartedAt = at,
            FinishedAt = at.AddSeconds(2),
            Controls = Controls,
            Hosts = hosts,
            Trigger = trigger,
        };
    }

    public static Dictionary<string, string[]> Hosts(params (string Host, string[] Failing)[] hosts) =>
        hosts.ToDictionary(h => h.Host, h => h.Failing, StringComparer.Ordinal);

    /// <summary>
    /// Three hosts at <paramref name="at"/>: fs1 failing both controls, fs2 passing one and with a waived failure whose
    /// evidence holds a secret and a control character, fs3 unreachable; every status a report has to show.
    /// </summary>
    public static SweepResult WithEveryStatus(DateTimeOffset at)
    {
        var result = Pass(at, Hosts(("fs1", ["CLEAR", "PROTECTED"]), ("fs2", []), ("fs3", [])), unreachable: ["fs3"]);
        var fs2 = result.Hosts[1];
        var waived = fs2.Controls[1] with
        {
            Status = ControlStatus.Waived,
            WaivedOutcome = ControlStatus.Fail,
            Message = "waived: CHG-1",
            Waiver = new WaiverInfo("CHG-1", at.AddDays(7)),
            Evidence = new Dictionary<string, object?> { ["esl_password"] = new Secret("ClueCon"), ["note"] = "control\u0001char" },
        };
        return result with { Hosts = [result.Hosts[0], fs2 with { Controls = [fs2.Controls[0], waived] }, result.Hosts[2]] };
    }
}
