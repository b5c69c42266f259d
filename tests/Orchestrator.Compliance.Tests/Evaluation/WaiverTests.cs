using Microsoft.Extensions.Time.Testing;
using Orchestrator.Compliance.Evaluation;
using Orchestrator.Compliance.Results;
using Orchestrator.Compliance.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Compliance.Tests.Evaluation;

public sealed class WaiverTests : IDisposable
{
    private const string Policy = """
        policy: waivers
        controls:
          - id: CLEAR
            title: capture ports clear
            impact: 1.0
            check: { type: capture_ports_clear }
          - id: PROTECTED
            title: host protected
            impact: 0.8
            hosts: fs1:fs2
            check: { type: host_protected }
        waivers:
          - control: CLEAR
            hosts: fs1
            justification: CHG-1234, reservation rolls out next week
            expires: 2026-12-01
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static FactsBuilder Colliding()
    {
        var b = new FactsBuilder();
        b.CapturePorts.Clear();
        b.CapturePorts.Add(20010);
        return b;
    }

    [Fact]
    public void Evaluate_WaiverInForce_MarksWaivedAndKeepsTheOutcomeUntilExpiry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero));
        var evaluator = new PolicyEvaluator(TestPolicies.Load(_dir, Policy), time, pattern => pattern == "fs1" ? new HashSet<string> { "fs1" } : new HashSet<string> { "fs1", "fs2" });

        var before = evaluator.Evaluate("fs1", Colliding().Build()).Controls.Single(c => c.ControlId == "CLEAR");
        var otherHost = evaluator.Evaluate("fs2", Colliding().Build()).Controls.Single(c => c.ControlId == "CLEAR");
        time.Advance(TimeSpan.FromMinutes(1));
        var after = evaluator.Evaluate("fs1", Colliding().Build()).Controls.Single(c => c.ControlId == "CLEAR");

        Assert.Equal(ControlStatus.Waived, before.Status);
        Assert.Equal(ControlStatus.Fail, before.WaivedOutcome);
        Assert.Equal("CHG-1234, reservation rolls out next week", before.Waiver!.Justification);
        Assert.Contains("underneath: fail", before.Message, StringComparison.Ordinal);
        Assert.Equal(ControlStatus.Fail, otherHost.Status);
        Assert.Equal(ControlStatus.Fail, after.Status);
        Assert.Null(after.Waiver);
    }

    [Fact]
    public void Evaluate_WaivedAndSkippedControls_LeaveTheHostCompliant()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var evaluator = new PolicyEvaluator(TestPolicies.Load(_dir, Policy), time, pattern => pattern == "fs1" ? new HashSet<string> { "fs1" } : new HashSet<string> { "fs1", "fs2" });
        var facts = Colliding();
        facts.Reserved = "20000-20100";

        var fs1 = evaluator.Evaluate("fs1", facts.Build());
        var fs3 = evaluator.Evaluate("fs3", Colliding().Build());

        Assert.True(fs1.Compliant);
        Assert.Equal(ControlStatus.Skipped, fs3.Controls.Single(c => c.ControlId == "PROTECTED").Status);
        Assert.Contains("applies to hosts 'fs1:fs2'", fs3.Controls.Single(c => c.ControlId == "PROTECTED").Message, StringComparison.Ordinal);
        Assert.False(fs3.Compliant);
    }
}
