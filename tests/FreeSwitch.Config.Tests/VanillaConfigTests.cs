using FreeSwitch.Config;
using FreeSwitch.Config.Model;
using FreeSwitch.Config.Sources;
using Orchestrator.Testing;

namespace FreeSwitch.Config.Tests;

public sealed class VanillaConfigTests
{
    private static FreeSwitchConfiguration LoadVanilla(Action<ConfigLoadOptions>? configure = null)
    {
        var options = new ConfigLoadOptions();
        options.RuntimeVariables["local_ip_v4"] = "10.0.0.5";
        options.RuntimeVariables["local_ip_v6"] = "fd00::5";
        options.RuntimeVariables["hostname"] = "fs1";
        configure?.Invoke(options);
        return FreeSwitchConfiguration.Load(DirectoryConfigSource.ForConfDir(RepoPaths.VanillaFreeSwitchConf), options);
    }

    [Fact]
    public void Load_Vanilla_RtpRangeFallsBackToCompiledDefaults()
    {
        var config = LoadVanilla();

        Assert.Equal(16384, config.Switch.RtpStartPort);
        Assert.Equal(32768, config.Switch.RtpEndPort);
        Assert.True(config.Switch.RtpStartPortIsDefault);
        Assert.True(config.Switch.RtpEndPortIsDefault);
        Assert.False(config.Switch.RtpPortUsageRobustness);
        Assert.Equal(1000, config.Switch.MaxSessions);
        Assert.Equal(30, config.Switch.SessionsPerSecond);
    }

    [Fact]
    public void Load_Vanilla_EventSocketIsDualStackOn8021WithClueCon()
    {
        var config = LoadVanilla();

        Assert.Equal("::", config.EventSocket.ListenIp);
        Assert.Equal(8021, config.EventSocket.ListenPort);
        Assert.Equal("ClueCon", config.EventSocket.Password);
    }

    [Fact]
    public void Load_Vanilla_HasNoCaptureServerAndFourProfilesNotCapturing()
    {
        var config = LoadVanilla();

        Assert.Null(config.Sofia.CaptureServerValue);
        Assert.Null(config.Sofia.CaptureServer);
        Assert.Equal(["external-ipv6", "external", "internal-ipv6", "internal"], config.Sofia.Profiles.Select(p => p.Name));
        Assert.All(config.Sofia.Profiles, p => Assert.False(p.SipCapture));
        Assert.Equal("no", config.Sofia.GetProfile("internal")!.SipCaptureValue);
        Assert.Null(config.Sofia.GetProfile("internal-ipv6")!.SipCaptureValue);
    }

    [Fact]
    public void Load_Vanilla_InternalProfileUsesLocalIpAndPort5060()
    {
        var internalProfile = LoadVanilla().Sofia.GetProfile("internal")!;

        Assert.Equal("10.0.0.5", internalProfile.SipIp);
        Assert.Equal(["10.0.0.5"], internalProfile.RtpIps);
        Assert.Equal(5060, internalProfile.SipPort);
        Assert.Equal("sip:mod_sofia@10.0.0.5:5060", internalProfile.Url);
        Assert.Null(internalProfile.ExtSipIp);
        Assert.Null(internalProfile.RtcpAudioIntervalMsec);
        Assert.Equal(["10.0.0.5"], internalProfile.Aliases);
        Assert.Equal("true", internalProfile.GetParam("auth-calls")!.Value);
        Assert.Equal("10.0.0.5,10.0.0.5", internalProfile.GetParam("presence-hosts")!.Value);
        Assert.EndsWith("sip_profiles/internal.xml", internalProfile.Location!.Value.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Vanilla_ExternalAndIpv6ProfilesFollowVars()
    {
        var config = LoadVanilla();

        Assert.Equal(5080, config.Sofia.GetProfile("external")!.SipPort);
        Assert.Equal("10.0.0.5", config.Sofia.GetProfile("external")!.SipIp);
        Assert.Empty(config.Sofia.GetProfile("external")!.Aliases);
        Assert.Equal("fd00::5", config.Sofia.GetProfile("internal-ipv6")!.SipIp);
        Assert.Equal("sip:mod_sofia@[fd00::5]:5060", config.Sofia.GetProfile("internal-ipv6")!.Url);
        Assert.Equal(5080, config.Sofia.GetProfile("external-ipv6")!.SipPort);
    }

    [Fact]
    public void Load_Vanilla_VariablesAreSetInOrder()
    {
        var config = LoadVanilla();

        Assert.Equal("10.0.0.5", config.Variables["domain"]);
        Assert.Equal("10.0.0.5", config.Variables["domain_name"]);
        Assert.Equal("/usr/share/freeswitch/sounds/en/us/callie", config.Variables["sound_prefix"]);
        Assert.Equal("5060", config.Variables["internal_sip_port"]);
        Assert.False(config.Variables.ContainsKey("digits_dialed_filter"));
        Assert.Equal("OPUS,G722,PCMU,PCMA,H264,VP8", config.Variables["global_codec_prefs"]);
    }

    [Fact]
    public void Load_Vanilla_StunSetIsNotRunAndWarns()
    {
        var config = LoadVanilla();

        Assert.False(config.Variables.ContainsKey("external_rtp_ip"));
        Assert.Contains(config.Warnings, w => w.Message.Contains("stun-set external_rtp_ip=stun:stun.freeswitch.org", StringComparison.Ordinal));
        Assert.Equal(string.Empty, config.GetParam("sofia.conf", "profiles/profile[external]/settings", "ext-rtp-ip")!.Value);
    }

    [Fact]
    public void Load_Vanilla_StunSetTakesCallerValue()
    {
        var config = LoadVanilla(o => o.CommandResults["external_sip_ip"] = "203.0.113.7");

        Assert.Equal("203.0.113.7", config.Variables["external_sip_ip"]);
        Assert.Equal("203.0.113.7", config.Sofia.GetProfile("external")!.ExtSipIp);
        Assert.Equal("sip:mod_sofia@203.0.113.7:5080", config.Sofia.GetProfile("external")!.Url);
        Assert.Equal("sip:mod_sofia@203.0.113.7:5080;maddr=10.0.0.5", config.Sofia.GetProfile("external")!.BindUrl);
    }

    [Fact]
    public void GetParam_Vanilla_ReturnsValueAndLocation()
    {
        var config = LoadVanilla();

        var param = config.GetParam("event_socket.conf", "settings", "listen-port")!;

        Assert.Equal("8021", param.Value);
        Assert.EndsWith("autoload_configs/event_socket.conf.xml", param.Location!.Value.File, StringComparison.Ordinal);
        Assert.Equal(5, param.Location!.Value.Line);
        Assert.Equal(5, param.Location!.Value.Column);
    }

    [Fact]
    public void Load_Vanilla_ReadsEveryIncludedFile()
    {
        var config = LoadVanilla();

        Assert.Equal("/etc/freeswitch/freeswitch.xml", config.Files[0]);
        Assert.Equal("/etc/freeswitch/vars.xml", config.Files[1]);
        Assert.Contains("/etc/freeswitch/sip_profiles/internal.xml", config.Files);
        Assert.Contains("/etc/freeswitch/sip_profiles/external/example.xml", config.Files);
        Assert.Contains("/etc/freeswitch/autoload_configs/switch.conf.xml", config.Files);
    }
}
