using FreeSwitch.Config;
using FreeSwitch.Config.Model;
using Orchestrator.Core.Secrets;

namespace Orchestrator.FreeSwitch.Configuration;

/// <summary>
/// The effective settings of a FreeSWITCH configuration tree that capture placement depends on, read through the
/// shared config reader (pre-processor, <c>$${}</c> variables): RTP range, robustness, capture server, profiles and
/// the event socket. The same object backs <c>orchestrator freeswitch config</c> and the <c>freeswitch_facts</c> module.
/// </summary>
public sealed class EffectiveSettings
{
    public required string ConfDir { get; init; }

    public required int RtpStartPort { get; init; }

    public required int RtpEndPort { get; init; }

    public required bool RtpStartPortIsDefault { get; init; }

    public required bool RtpEndPortIsDefault { get; init; }

    public bool RtpRangeIsDefault => RtpStartPortIsDefault && RtpEndPortIsDefault;

    public string? RtpStartPortLocation { get; init; }

    public string? RtpEndPortLocation { get; init; }

    public required bool Robustness { get; init; }

    /// <summary>Where the effective <c>rtp-port-usage-robustness</c> param is written (file:line:column), or null when absent.</summary>
    public string? RobustnessLocation { get; init; }

    /// <summary>The file of <see cref="RobustnessLocation"/>.</summary>
    public string? RobustnessFile { get; init; }

    /// <summary>The file holding <c>switch.conf</c>'s &lt;settings&gt; (where the RTP and robustness params belong), or null.</summary>
    public string? SwitchSettingsFile { get; init; }

    /// <summary>The raw capture-server value, or null when not set.</summary>
    public string? CaptureServerValue { get; init; }

    public string? CaptureServerLocation { get; init; }

    /// <summary>The file of <see cref="CaptureServerLocation"/>.</summary>
    public string? CaptureServerFile { get; init; }

    public CaptureServer? CaptureServer { get; init; }

    /// <summary>Why the capture-server value is invalid (no capture socket opens), or null.</summary>
    public string? CaptureServerError { get; init; }

    /// <summary>The file holding sofia.conf's &lt;global_settings&gt;, or null.</summary>
    public string? SofiaSettingsFile { get; init; }

    public required IReadOnlyList<EffectiveProfile> Profiles { get; init; }

    public required string EslListenIp { get; init; }

    public required int EslListenPort { get; init; }

    public required Secret EslPassword { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every file the pre-processor read.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public static EffectiveSettings From(FreeSwitchConfiguration config, string confDir)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sw = config.Switch;
        var sofia = config.Sofia;
        var esl = config.EventSocket;
        var robust = config.GetParam("switch.conf", "settings", "rtp-port-usage-robustness");
        var switchSettings = config.GetConfiguration("switch.conf")?.Element("settings");
        var sofiaSettings = config.GetConfiguration("sofia.conf")?.Element("global_settings");
        return new EffectiveSettings
        {
            ConfDir = confDir,
            RtpStartPort = sw.RtpStartPort,
            RtpEndPort = sw.RtpEndPort,
            RtpStartPortIsDefault = sw.RtpStartPortIsDefault,
            RtpEndPortIsDefault = sw.RtpEndPortIsDefault,
            RtpStartPortLocation = sw.RtpStartPortLocation?.ToString(),
            RtpEndPortLocation = sw.RtpEndPortLocation?.ToString(),
            Robustness = sw.RtpPortUsageRobustness,
            RobustnessLocation = robust?.Location?.ToString(),
            RobustnessFile = robust?.Location?.File,
            SwitchSettingsFile = switchSettings is null ? null : config.LocationOf(switchSettings)?.File,
            CaptureServerValue = sofia.CaptureServerValue,
            CaptureServerLocation = sofia.CaptureServerLocation?.ToString(),
            CaptureServerFile = sofia.CaptureServerLocation?.File,
            CaptureServer = sofia.CaptureServer,
            CaptureServerError = sofia.CaptureServerError,
            SofiaSettingsFile = sofiaSettings is null ? null : config.LocationOf(sofiaSettings)?.File,
            Profiles = sofia.Profiles
                .Where(p => p.HasSettings)
                .Select(p => new EffectiveProfile(
                    p.Name,
                    p.SipIp,
                    p.RtpIps,
                    p.SipPort,
                    p.SipCapture,
                    p.SipCaptureValue,
                    !string.IsNullOrEmpty(p.RtcpAudioIntervalMsec),
                    p.Location?.ToString())
                {
                    File = p.Location?.File,
                })
                .ToList(),
            EslListenIp = esl.ListenIp,
            EslListenPort = esl.ListenPort,
            EslPassword = new Secret(esl.Password),
            Warnings = config.Warnings.Select(w => w.ToString()).ToList(),
            Files = config.Files,
        };
    }

    /// <summary>The effective settings as plain data (the ESL password stays a <see cref="Secret"/> unless <paramref name="includePassword"/> is false, then it is left out).</summary>
    public Dictionary<string, object?> ToPlain(bool includePassword)
    {
        var esl = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["listen_ip"] = EslListenIp,
            ["listen_port"] = (long)EslListenPort,
        };
        if (includePassword)
        {
            esl["password"] = EslPassword;
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["conf_dir"] = ConfDir,
            ["rtp"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["start_port"] = (long)RtpStartPort,
                ["end_port"] = (long)RtpEndPort,
                ["start_port_is_default"] = RtpStartPortIsDefault,
                ["end_port_is_default"] = RtpEndPortIsDefault,
                ["is_compiled_default"] = RtpRangeIsDefault,
                ["start_port_location"] = RtpStartPortLocation,
                ["end_port_location"] = RtpEndPortLocation,
            },
            ["robustness"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["configured"] = Robustness,
                ["location"] = RobustnessLocation,
                ["file"] = RobustnessFile,
            },
            ["switch_settings_file"] = SwitchSettingsFile,
            ["capture_server_file"] = CaptureServerFile,
            ["capture_server"] = CaptureServerPlain(),
            ["sofia_settings_file"] = SofiaSettingsFile,
            ["profiles"] = Profiles.Select(p => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = p.Name,
                ["sip_ip"] = p.SipIp,
                ["rtp_ip"] = p.RtpIps.Count > 0 ? p.RtpIps[0] : null,
                ["rtp_ips"] = p.RtpIps.Select(i => (object?)i).ToList(),
                ["sip_port"] = (long)p.SipPort,
                ["sip_capture"] = p.SipCapture,
                ["sip_capture_value"] = p.SipCaptureValue,
                ["rtcp"] = p.Rtcp,
                ["location"] = p.Location,
                ["file"] = p.File,
            }).ToList(),
            ["esl"] = esl,
            ["warnings"] = Warnings.Select(w => (object?)w).ToList(),
        };
    }

    private Dictionary<string, object?> CaptureServerPlain()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["value"] = CaptureServerValue,
            ["configured"] = CaptureServerValue is not null,
            ["valid"] = CaptureServer is not null,
            ["location"] = CaptureServerLocation,
        };
        if (CaptureServer is { } c)
        {
            result["host"] = c.Host;
            result["port"] = (long)c.Port;
            result["hep"] = (long)c.HepVersion;
            result["capture_id"] = (long)c.CaptureId;
        }
        else
        {
            result["error"] = CaptureServerValue is null ? "capture-server is not set (no capture socket opens)" : CaptureServerError;
        }

        return result;
    }
}
