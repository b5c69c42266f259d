using Orchestrator.Engine.Output;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Configuration;

/// <summary>
/// templates/ rendered by the engine's real template module (local connection) over a copy of vanilla, then read back
/// through the config reader: the values that went in come out.
/// </summary>
public sealed class TemplateRoundTripTests
{
    private static async Task<(EffectiveSettings Settings, RecordingRunOutput Output, int Exit)> RenderAndRead(TempDirectory tree, string vars)
    {
        var conf = Path.Combine(tree.Path, "conf");
        Directory.CreateDirectory(conf);
        DirectoryTree.Copy(ConfTrees.Vanilla, conf);
        var inventory = PlaybookHarness.LocalInventory(tree.Path, extraVars: vars);
        var playbook = Path.Combine(tree.Path, "render.yml");
        var t = PlaybookHarness.TemplatesDir;
        File.WriteAllText(playbook, $"""
            - hosts: freeswitch
              tasks:
                - freeswitch_template_check:
                    src: [{t}/sofia.conf.xml, {t}/switch.conf.xml, {t}/sip_profiles/internal.xml, {t}/sip_profiles/external.xml]
                - template: {"{"} src: {t}/sofia.conf.xml, dest: {conf}/autoload_configs/sofia.conf.xml {"}"}
                - template: {"{"} src: {t}/switch.conf.xml, dest: {conf}/autoload_configs/switch.conf.xml {"}"}
                - template: {"{"} src: {t}/sip_profiles/internal.xml, dest: {conf}/sip_profiles/internal.xml {"}"}
                - template: {"{"} src: {t}/sip_profiles/external.xml, dest: {conf}/sip_profiles/external.xml {"}"}

            """);
        var (result, output) = await PlaybookHarness.RunAsync(playbook, inventory);
        var settings = result.ExitCode == 0 ? ConfigReview.Load(conf, new Dictionary<string, string> { ["local_ip_v4"] = "10.0.0.5" }) : null!;
        return (settings, output, result.ExitCode);
    }

    [Fact]
    public async Task Render_CaptureOnFromParts_ReadBackTheSameValues()
    {
        using var tree = new TempDirectory("orch-fs-");
        var (settings, output, exit) = await RenderAndRead(tree, """
                      freeswitch_capture_host: 10.0.0.1
                      freeswitch_capture_port: 9061
                      freeswitch_capture_hep: 2
                      freeswitch_capture_id: 333
                      freeswitch_sip_capture: { internal: true, external: false }
                      freeswitch_rtp_start_port: 20000
                      freeswitch_rtp_end_port: 20999
                      freeswitch_rtp_port_usage_robustness: true

            """);
        Assert.True(exit == 0, PlaybookHarness.Describe(output));

        Assert.Equal("udp:10.0.0.1:9061;hep=2;capture_id=333", settings.CaptureServerValue);
        Assert.Equal(("10.0.0.1", 9061, 2, 333u), (settings.CaptureServer!.Host, settings.CaptureServer.Port, settings.CaptureServer.HepVersion, settings.CaptureServer.CaptureId));
        Assert.Equal((20000, 20999, false), (settings.RtpStartPort, settings.RtpEndPort, settings.RtpRangeIsDefault));
        Assert.True(settings.Robustness);
        Assert.True(settings.Profiles.Single(p => p.Name == "internal").SipCapture);
        Assert.False(settings.Profiles.Single(p => p.Name == "external").SipCapture);
        Assert.Equal("no", settings.Profiles.Single(p => p.Name == "external").SipCaptureValue);

        // Everything else stays as vanilla has it.
        Assert.Equal(5060, settings.Profiles.Single(p => p.Name == "internal").SipPort);
        Assert.Equal(5080, settings.Profiles.Single(p => p.Name == "external").SipPort);
        Assert.Equal(["10.0.0.5"], settings.Profiles.Single(p => p.Name == "internal").RtpIps);
    }

    [Fact]
    public async Task Render_CaptureDisabledRobustnessOff_DefaultsForTheRest()
    {
        using var tree = new TempDirectory("orch-fs-");
        var (settings, output, exit) = await RenderAndRead(tree, """
                      freeswitch_capture_enabled: false
                      freeswitch_rtp_start_port: 16384
                      freeswitch_rtp_end_port: 32768
                      freeswitch_rtp_port_usage_robustness: false

            """);
        Assert.True(exit == 0, PlaybookHarness.Describe(output));
        Assert.Null(settings.CaptureServerValue);
        Assert.False(settings.Robustness);
        Assert.Equal((16384, 32768), (settings.RtpStartPort, settings.RtpEndPort));
        Assert.All(settings.Profiles.Where(p => p.Name is "internal" or "external"), p => Assert.Equal("no", p.SipCaptureValue));
    }

    [Fact]
    public async Task Render_WholeCaptureServerValue_UsedAsGiven()
    {
        using var tree = new TempDirectory("orch-fs-");
        var (settings, output, exit) = await RenderAndRead(tree, """
                      freeswitch_capture_server: "udp:[fd00::1]:9060;capture_id=7"
                      freeswitch_rtp_start_port: 30000
                      freeswitch_rtp_end_port: 39999

            """);
        Assert.True(exit == 0, PlaybookHarness.Describe(output));
        Assert.Equal(("fd00::1", 9060, 3, 7u), (settings.CaptureServer!.Host, settings.CaptureServer.Port, settings.CaptureServer.HepVersion, settings.CaptureServer.CaptureId));
        Assert.True(settings.Robustness);
        Assert.All(settings.Profiles.Where(p => p.Name is "internal" or "external"), p => Assert.True(p.SipCapture));
    }

    [Fact]
    public async Task Render_ValueBreaksTheXml_StoppedBeforeUpload()
    {
        using var tree = new TempDirectory("orch-fs-");
        var (_, output, exit) = await RenderAndRead(tree, """
                      freeswitch_capture_server: 'udp:homer:9060<x'
                      freeswitch_rtp_start_port: 20000
                      freeswitch_rtp_end_port: 20999

            """);
        Assert.NotEqual(0, exit);
        var failed = Assert.Single(output.Results, r => r.Outcome == TaskOutcome.Failed);
        Assert.Equal("freeswitch_template_check", failed.Module);
        Assert.Contains("sofia.conf.xml rendered to malformed XML at rendered line", failed.Message);
        Assert.DoesNotContain(output.Results, r => r.Module == "template");
        Assert.Equal(
            File.ReadAllText(Path.Combine(ConfTrees.Vanilla, "autoload_configs", "sofia.conf.xml")),
            File.ReadAllText(Path.Combine(tree.Path, "conf", "autoload_configs", "sofia.conf.xml")));
    }

    [Fact]
    public void Templates_KeepVanillaStructure_OnlyTheManagedLinesDiffer()
    {
        var pairs = new[]
        {
            ("sofia.conf.xml", "autoload_configs/sofia.conf.xml"),
            ("switch.conf.xml", "autoload_configs/switch.conf.xml"),
            ("sip_profiles/internal.xml", "sip_profiles/internal.xml"),
            ("sip_profiles/external.xml", "sip_profiles/external.xml"),
        };
        foreach (var (template, vanilla) in pairs)
        {
            var t = File.ReadAllLines(Path.Combine(PlaybookHarness.TemplatesDir, template));
            var v = File.ReadAllLines(Path.Combine(ConfTrees.Vanilla, vanilla));
            var extra = t.Except(v).ToList();
            Assert.True(extra.All(l => l.Contains("{{", StringComparison.Ordinal) || l.StartsWith("<!-- Rendered by orchestrator", StringComparison.Ordinal)), $"{template}: {string.Join("\n", extra)}");
            Assert.True(v.Except(t).Count() <= 3, $"{template} drops vanilla lines: {string.Join("\n", v.Except(t))}");
        }
    }
}
