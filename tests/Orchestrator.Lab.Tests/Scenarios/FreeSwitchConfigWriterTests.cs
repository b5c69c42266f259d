using Orchestrator.Lab.Scenarios;

namespace Orchestrator.Lab.Tests.Scenarios;

public sealed class FreeSwitchConfigWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lab-conf-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteVanilla_ThenRead_IsFreeSwitchsDefaults()
    {
        FreeSwitchConfigWriter.WriteVanilla(_dir);
        Assert.True(File.Exists(Path.Combine(_dir, "freeswitch.xml")));
        Assert.Equal(203, Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Count());
        var config = global::FreeSwitch.Config.FreeSwitchConfiguration.Load(global::FreeSwitch.Config.Sources.DirectoryConfigSource.ForConfDir(_dir));
        Assert.True(config.Switch.RtpStartPortIsDefault);
        Assert.Null(config.Sofia.CaptureServerValue);
        Assert.False(config.Sofia.Profiles.Single(p => p.Name == "internal").SipCapture);
    }

    [Fact]
    public void ApplyScenario_Collide_ReadsBackAsTheScenarioSays()
    {
        FreeSwitchConfigWriter.WriteVanilla(_dir);
        var settings = ScenarioSettings.Resolve(new LabOptions { Scenario = "collide", Robustness = true });
        FreeSwitchConfigWriter.ApplyScenario(_dir, settings, "udp:10.9.9.2:9060");
        var config = FreeSwitchConfigWriter.Verify(_dir, settings, "udp:10.9.9.2:9060", "10.9.9.10");
        Assert.Equal(20000, config.Switch.RtpStartPort);
        Assert.Equal(20059, config.Switch.RtpEndPort);
        Assert.True(config.Switch.RtpPortUsageRobustness);
        Assert.Equal("10.9.9.2", config.Sofia.CaptureServer!.Host);
        Assert.Equal(9060, config.Sofia.CaptureServer.Port);
        Assert.True(config.Sofia.Profiles.Single(p => p.Name == "internal").SipCapture);
        Assert.True(config.Sofia.Profiles.Single(p => p.Name == "external").SipCapture);
        Assert.False(config.Sofia.Profiles.Single(p => p.Name == "external-ipv6").SipCapture);
        Assert.Equal("10.9.9.10", config.Sofia.Profiles.Single(p => p.Name == "internal").SipIp);
    }

    [Fact]
    public void ApplyScenario_CleanWithCaptureOff_LeavesRtpDefaultsAndSipCaptureNo()
    {
        FreeSwitchConfigWriter.WriteVanilla(_dir);
        var settings = ScenarioSettings.Resolve(new LabOptions { Capture = false });
        FreeSwitchConfigWriter.ApplyScenario(_dir, settings, "udp:10.9.9.2:9060");
        var config = FreeSwitchConfigWriter.Verify(_dir, settings, "udp:10.9.9.2:9060", "10.9.9.10");
        Assert.True(config.Switch.RtpStartPortIsDefault);
        Assert.False(config.Switch.RtpPortUsageRobustness);
        Assert.False(config.Sofia.Profiles.Single(p => p.Name == "internal").SipCapture);
    }

    [Fact]
    public void Vanilla_EmbeddedCopy_MatchesTheSharedTreeWhenThisMachineHasIt()
    {
        // The repo carries its own copy; on the development machine, it must not drift from the reference tree.
        const string shared = "/work/shared/freeswitch-conf/vanilla";
        FreeSwitchConfigWriter.WriteVanilla(_dir);
        var ours = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_dir, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("autoload_configs/sofia.conf.xml", ours);
        if (Directory.Exists(shared))
        {
            var theirs = Directory.EnumerateFiles(shared, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(shared, f)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(theirs, ours);
            Assert.All(ours, f => Assert.Equal(File.ReadAllBytes(Path.Combine(shared, f)), File.ReadAllBytes(Path.Combine(_dir, f))));
        }
    }
}
