using Microsoft.Extensions.Time.Testing;
using Orchestrator.Compliance.Evaluation;
using Orchestrator.Compliance.Facts;
using Orchestrator.Compliance.Results;
using Orchestrator.Compliance.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Compliance.Tests.Checks;

/// <summary>Every built-in check over facts built like the collector builds them, placement decided by Orchestrator.FreeSwitch.</summary>
public sealed class CheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, ControlResult> Evaluate(FactsBuilder facts) => Evaluate(_dir, facts);

    /// <summary>Every control of <see cref="TestPolicies.AllTypes"/> (written to <paramref name="dir"/>) over <paramref name="facts"/>.</summary>
    internal static Dictionary<string, ControlResult> Evaluate(TempDirectory dir, FactsBuilder facts)
    {
        var policy = TestPolicies.Load(dir, TestPolicies.AllTypes);
        var evaluator = new PolicyEvaluator(policy, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), _ => new HashSet<string>());
        var host = evaluator.Evaluate("fs1", facts.Build());
        return host.Controls.ToDictionary(c => c.ControlId);
    }

    /// <summary>A host on which every control of <see cref="TestPolicies.AllTypes"/> passes.</summary>
    internal static FactsBuilder Healthy()
    {
        var b = new FactsBuilder { Robustness = true, Reserved = "20000-20100" };
        b.Probes["service:C-SERVICE"] = new ProbeResult(0, "active\n", string.Empty);
        b.Probes["command:C-CMD"] = new ProbeResult(0, "net.ipv4.ip_local_reserved_ports = 20000-20100\n", string.Empty);
        return b;
    }

    [Fact]
    public void Evaluate_HealthyHost_EveryControlPasses()
    {
        var results = Evaluate(Healthy());

        Assert.All(results.Values, r => Assert.True(r.Status == ControlStatus.Pass, $"{r.ControlId}: {r.Status} {r.Message}"));
    }

    [Fact]
    public void CapturePortsClear_EvenPortInRtpRange_FailsWithTheCollidingPort()
    {
        var facts = Healthy();
        facts.CapturePorts.Clear();
        facts.CapturePorts.AddRange([20010, 40002]);

        var r = Evaluate(facts)["C-CLEAR"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Equal([20010L], (List<object?>)r.Evidence["colliding_ports"]!);
        Assert.Contains("10.0.0.5:20010", r.Message, StringComparison.Ordinal);
        Assert.Equal("20000-20099", r.Evidence["rtp_range"]);
    }

    [Fact]
    public void CapturePortsClear_OddPortWithoutRtcp_Passes()
    {
        var facts = Healthy();
        facts.CapturePorts.Clear();
        facts.CapturePorts.Add(20011);

        Assert.Equal(ControlStatus.Pass, Evaluate(facts)["C-CLEAR"].Status);
    }

    [Fact]
    public void HostProtected_NoReservationOverOverlappingEphemeralRange_FailsWithTheUnreservedPorts()
    {
        var facts = Healthy();
        facts.Reserved = "20000-20049";

        var r = Evaluate(facts)["C-PROTECTED"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Equal("20050-20100", r.Evidence["unreserved_ports"]);
        Assert.Equal("at-risk", r.Evidence["placement"]);
    }

    [Fact]
    public void HostProtected_EphemeralRangeAboveRtp_PassesWithoutReservation()
    {
        var facts = Healthy();
        facts.Reserved = string.Empty;
        facts.Ephemeral = "40000 60999";

        var r = Evaluate(facts)["C-PROTECTED"];

        Assert.Equal(ControlStatus.Pass, r.Status);
        Assert.Contains("does not reach", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Robustness_ConfiguredAfterTheProcessStarted_FailsAsNotInEffect()
    {
        var facts = Healthy();
        facts.ConfModified = facts.StartedAt + 60;

        var r = Evaluate(facts)["C-ROBUST"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Contains("not in effect", r.Message, StringComparison.Ordinal);
        Assert.Equal(false, r.Evidence["in_effect"]);
    }

    [Fact]
    public void Robustness_NotSet_FailsAsOff()
    {
        var facts = Healthy();
        facts.Robustness = null;

        var r = Evaluate(facts)["C-ROBUST"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Contains("is not set (default off)", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureEnabled_ConfiguredOnButNoSocket_Fails()
    {
        var facts = Healthy();
        facts.CapturePorts.Clear();

        var r = Evaluate(facts)["C-ENABLED"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Contains("0 capture socket(s) are open", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureEnabled_ConfigSaysOffButExpectedOn_Fails()
    {
        var facts = Healthy();
        facts.ExternalCapture = false;

        var r = Evaluate(facts)["C-ENABLED"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Contains("sip-capture is off on external", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureServer_InvalidValue_FailsWithSofiaSipsReason()
    {
        var facts = Healthy();
        facts.CaptureServer = "udp:10.0.0.2:80";

        var r = Evaluate(facts)["C-SERVER"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Contains("invalid port number 80", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBindErrors_ErrorsInWindow_FailsWithCountAndLastLine()
    {
        var facts = Healthy();
        facts.RtpBindErrors = 3;

        var r = Evaluate(facts)["C-BIND"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Equal(3L, r.Evidence["rtp_bind_errors"]);
        Assert.Contains("Bind Error! 10.0.0.5:20010", (string)r.Evidence["last"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBindErrors_UnreadableLog_IsAnError()
    {
        var facts = Healthy();
        facts.LogReadable = false;

        Assert.Equal(ControlStatus.Error, Evaluate(facts)["C-BIND"].Status);
    }

    [Fact]
    public void ConfigParam_DifferentValue_FailsWithTheLocation()
    {
        var facts = Healthy();
        facts.RtpStart = 16384;

        var r = Evaluate(facts)["C-PARAM"];

        Assert.Equal(ControlStatus.Fail, r.Status);
        Assert.Equal("16384", r.Evidence["value"]);
        Assert.StartsWith(FactsBuilder.ConfFile + ":", (string)r.Evidence["location"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceAndCommand_ProbeOutputs_AreJudged()
    {
        var facts = Healthy();
        facts.Probes["service:C-SERVICE"] = new ProbeResult(3, "inactive\n", string.Empty);
        facts.Probes["command:C-CMD"] = new ProbeResult(1, string.Empty, "cat: /etc/sysctl.d/x.conf: No such file or directory\n");

        var results = Evaluate(facts);

        Assert.Equal(ControlStatus.Fail, results["C-SERVICE"].Status);
        Assert.Equal("freeswitch is inactive, expected active", results["C-SERVICE"].Message);
        Assert.Equal(ControlStatus.Fail, results["C-CMD"].Status);
        Assert.Contains("No such file", (string)results["C-CMD"].Evidence["stderr"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FreeSwitchStopped_RuntimeChecksAreSkippedAndConfigChecksStillRun()
    {
        var facts = Healthy();
        facts.Running = false;
        facts.Probes["service:C-SERVICE"] = new ProbeResult(3, "inactive\n", string.Empty);

        var r = Evaluate(facts);

        Assert.Equal(ControlStatus.Skipped, r["C-CLEAR"].Status);
        Assert.Equal(ControlStatus.Skipped, r["C-ENABLED"].Status);
        Assert.Equal(ControlStatus.Skipped, r["C-ROBUST"].Status);
        Assert.Equal(ControlStatus.Pass, r["C-SERVER"].Status);
        Assert.Equal(ControlStatus.Pass, r["C-PARAM"].Status);
        Assert.Equal(ControlStatus.Fail, r["C-SERVICE"].Status);
    }

    [Fact]
    public void Evaluate_NoFacts_EveryFreeSwitchCheckIsAnError()
    {
        var policy = TestPolicies.Load(_dir, TestPolicies.AllTypes);
        var evaluator = new PolicyEvaluator(policy, TimeProvider.System, _ => new HashSet<string>());

        var host = evaluator.Evaluate("fs1", new HostFacts { FreeSwitchError = "fs1: the facts script did not complete (rc=127)" });

        Assert.All(host.Controls.Where(c => c.ControlId is not ("C-SERVICE" or "C-CMD")), c => Assert.Equal(ControlStatus.Error, c.Status));
        Assert.Contains("rc=127", host.Controls[0].Message, StringComparison.Ordinal);
        Assert.False(host.Compliant);
    }

    [Fact]
    public void Request_CollectsProbesWindowAndConfigurationNeed()
    {
        var policy = TestPolicies.Load(_dir, TestPolicies.AllTypes);

        var request = new PolicyEvaluator(policy, TimeProvider.System, _ => new HashSet<string>()).Request;

        Assert.Equal(TimeSpan.FromHours(24), request.BindErrorWindow);
        Assert.True(request.NeedConfiguration);
        Assert.Equal(["service:C-SERVICE", "command:C-CMD"], request.Probes.Select(p => p.Key));
        Assert.Equal("systemctl is-active freeswitch", request.Probes[0].Command);
    }
}
