using Orchestrator.Core.Errors;
using Orchestrator.Lab.Scenarios;

namespace Orchestrator.Lab.Tests.Scenarios;

public sealed class ScenarioSettingsTests
{
    [Fact]
    public void Resolve_Clean_EphemeralRangeStartsAboveTheRtpRangeAndRtcp()
    {
        var s = ScenarioSettings.Resolve(new LabOptions());
        Assert.Equal((16384, 32768), (s.EffectiveRtpStart, s.EffectiveRtpEnd));
        var (low, _) = ScenarioSettings.ParseRange(s.EphemeralRange!);
        Assert.True(low > s.EffectiveRtpEnd + 1);
        Assert.True(s.Capture);
        Assert.False(s.ForceCollision);
    }

    [Fact]
    public void Resolve_Collide_EphemeralRangeCoversTheRtpRange()
    {
        var s = ScenarioSettings.Resolve(new LabOptions { Scenario = "collide" });
        var (low, high) = ScenarioSettings.ParseRange(s.EphemeralRange!);
        Assert.True(low <= s.EffectiveRtpStart && high >= s.EffectiveRtpEnd);
        Assert.True(s.Capture && s.ForceCollision && !s.Robustness);
    }

    [Fact]
    public void Resolve_Flags_OverrideTheScenario()
    {
        var s = ScenarioSettings.Resolve(new LabOptions
        {
            Scenario = "collide", RtpStartPort = 30000, RtpEndPort = 30999, EphemeralRange = "30000-31999",
            ReservedPorts = "30000-30999", Robustness = true, CaptureServer = "udp:10.1.2.3:9999;hep=3",
        });
        Assert.Equal((30000, 30999), (s.EffectiveRtpStart, s.EffectiveRtpEnd));
        Assert.Equal("30000 31999", s.EphemeralRange);
        Assert.Equal("30000-30999", s.ReservedPorts);
        Assert.True(s.Robustness);
        Assert.Equal("udp:10.1.2.3:9999;hep=3", s.CaptureServer);
    }

    [Fact]
    public void Resolve_CaptureOff_DoesNotForceACollision() =>
        Assert.False(ScenarioSettings.Resolve(new LabOptions { Scenario = "collide", Capture = false }).ForceCollision);

    [Theory]
    [InlineData("nope", null, null, null, "unknown scenario 'nope'")]
    [InlineData("clean", 30000, 20000, null, "expected start below end")]
    [InlineData("clean", null, null, "60000 1024", "expected \"LOW HIGH\"")]
    [InlineData("clean", null, null, "abc", "expected two ports")]
    public void Resolve_BadValues_ClearError(string scenario, int? start, int? end, string? ephemeral, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => ScenarioSettings.Resolve(
            new LabOptions { Scenario = scenario, RtpStartPort = start, RtpEndPort = end, EphemeralRange = ephemeral }));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BadReservedPorts_ClearError()
    {
        var ex = Assert.Throws<UserInputException>(() => ScenarioSettings.Resolve(new LabOptions { ReservedPorts = "20000 to 20100" }));
        Assert.Contains("expected ports and ranges separated by commas", ex.Message, StringComparison.Ordinal);
    }
}
