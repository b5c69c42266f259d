using System.Globalization;
using FreeSwitch.Config;
using FreeSwitch.Config.Sources;
using Orchestrator.Lab.Linux;

namespace Orchestrator.Lab.Scenarios;

/// <summary>
/// Writes a host's /etc/freeswitch: the vanilla tree (embedded in this assembly, a copy of
/// shared/freeswitch-conf/vanilla) with a scenario's overrides, edited in place the way an administrator
/// would: capture-server in sofia.conf.xml, sip-capture in the internal and external profiles, the RTP
/// range and robustness in switch.conf.xml. The result is read back with the FreeSWITCH config reader
/// to prove the simulator will see exactly those values.
/// </summary>
internal static class FreeSwitchConfigWriter
{
    private const string VanillaPrefix = "freeswitch-vanilla/";

    public static string DefaultCaptureServer(string homerAddress) => $"udp:{homerAddress}:9060";

    public static void WriteVanilla(string confDir)
    {
        var assembly = typeof(FreeSwitchConfigWriter).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(VanillaPrefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(confDir, name[VanillaPrefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(target);
            source.CopyTo(file);
        }
    }

    public static void ApplyScenario(string confDir, ScenarioSettings settings, string captureServer)
    {
        var sofia = Path.Combine(confDir, "autoload_configs", "sofia.conf.xml");
        Edit(sofia, "<global_settings>", line => [line, $"    <param name=\"capture-server\" value=\"{captureServer}\"/>"], "the <global_settings> element");

        foreach (var profile in new[] { "internal", "external" })
        {
            var path = Path.Combine(confDir, "sip_profiles", profile + ".xml");
            Edit(path, "<param name=\"sip-capture\" value=\"no\"/>", line => [line.Replace("value=\"no\"", $"value=\"{(settings.Capture ? "yes" : "no")}\"", StringComparison.Ordinal)], "sip-capture");
        }

        var switchConf = Path.Combine(confDir, "autoload_configs", "switch.conf.xml");
        if (settings.RtpStartPort is { } start)
        {
            Edit(switchConf, "<!-- <param name=\"rtp-start-port\" value=\"16384\"/> -->", _ => [$"    <param name=\"rtp-start-port\" value=\"{start.ToString(CultureInfo.InvariantCulture)}\"/>"], "rtp-start-port");
        }

        if (settings.RtpEndPort is { } end)
        {
            Edit(switchConf, "<!-- <param name=\"rtp-end-port\" value=\"32768\"/> -->", _ => [$"    <param name=\"rtp-end-port\" value=\"{end.ToString(CultureInfo.InvariantCulture)}\"/>"], "rtp-end-port");
        }

        if (settings.Robustness)
        {
            Edit(switchConf, "<!-- <param name=\"rtp-port-usage-robustness\" value=\"true\"/> -->", _ => ["    <param name=\"rtp-port-usage-robustness\" value=\"true\"/>"], "rtp-port-usage-robustness");
        }
    }

    /// <summary>Reads the tree back as FreeSWITCH would on a host with this address and checks every override took.</summary>
    public static FreeSwitchConfiguration Verify(string confDir, ScenarioSettings settings, string captureServer, string hostAddress)
    {
        var options = new ConfigLoadOptions();
        options.RuntimeVariables["local_ip_v4"] = hostAddress;
        var config = FreeSwitchConfiguration.Load(DirectoryConfigSource.ForConfDir(confDir), options);
        var problems = new List<string>();
        if (config.Switch.RtpStartPort != settings.EffectiveRtpStart || config.Switch.RtpEndPort != settings.EffectiveRtpEnd)
        {
            problems.Add($"RTP range reads {config.Switch.RtpStartPort}-{config.Switch.RtpEndPort}, expected {settings.EffectiveRtpStart}-{settings.EffectiveRtpEnd}");
        }

        if (config.Switch.RtpPortUsageRobustness != settings.Robustness)
        {
            problems.Add($"robustness reads {config.Switch.RtpPortUsageRobustness}");
        }

        if (config.Sofia.CaptureServerValue != captureServer)
        {
            problems.Add($"capture-server reads '{config.Sofia.CaptureServerValue}'");
        }

        foreach (var name in new[] { "internal", "external" })
        {
            var profile = config.Sofia.Profiles.FirstOrDefault(p => p.Name == name);
            if (profile is null || profile.SipCapture != settings.Capture)
            {
                problems.Add($"profile {name} sip-capture reads {profile?.SipCaptureValue ?? "(no profile)"}");
            }
        }

        return problems.Count == 0
            ? config
            : throw new LabException($"the lab's FreeSWITCH configuration in {confDir} does not read back as intended: {string.Join("; ", problems)}");
    }

    private static void Edit(string path, string marker, Func<string, IEnumerable<string>> replace, string what)
    {
        var lines = File.ReadAllLines(path).ToList();
        var index = lines.FindIndex(l => l.Contains(marker, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new LabException($"{path}: {what} not found where vanilla has it ('{marker}')");
        }

        var replacement = replace(lines[index]).ToList();
        lines.RemoveAt(index);
        lines.InsertRange(index, replacement);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }
}
