using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FreeSwitch.Config;
using FreeSwitch.Config.Sources;
using Orchestrator.Core.Errors;

namespace Orchestrator.FreeSwitch.Configuration;

/// <summary>
/// Reads a local copy of a FreeSWITCH conf dir offline (<c>orchestrator freeswitch config</c>): the same reader and the
/// same <see cref="EffectiveSettings"/> as the facts, with runtime variables from the caller.
/// </summary>
public static class ConfigReview
{
    /// <summary>
    /// Runtime variables used when the caller gives none: FreeSWITCH's Debian defaults with <c>conf_dir</c> set to the
    /// directory read, <c>local_ip_v4=127.0.0.1</c>, <c>local_ip_v6=::1</c>, <c>hostname=localhost</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DefaultVariables(string confDir)
    {
        var defaults = new Dictionary<string, string>(ConfigLoadOptions.RuntimeVariableDefaults(confDir), StringComparer.Ordinal);
        return defaults;
    }

    /// <summary>Parses <c>NAME=VALUE</c> items.</summary>
    /// <exception cref="UserInputException">An item has no '=' or an empty name.</exception>
    public static Dictionary<string, string> ParseVariables(IEnumerable<string> items)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UserInputException($"--var '{item}': expected NAME=VALUE, e.g. --var local_ip_v4=10.0.0.5");
            }

            result[item[..eq].Trim()] = item[(eq + 1)..];
        }

        return result;
    }

    /// <summary>Reads <paramref name="confDir"/> (a local directory) with the given runtime variables over the defaults.</summary>
    /// <exception cref="UserInputException">The directory or its freeswitch.xml is missing, or the XML is malformed (file:line:column).</exception>
    public static EffectiveSettings Load(string confDir, IReadOnlyDictionary<string, string> variables)
    {
        var full = Path.GetFullPath(confDir).TrimEnd('/');
        if (full.Length == 0)
        {
            full = "/";
        }

        if (!Directory.Exists(full))
        {
            throw new UserInputException($"--conf-dir '{confDir}' does not exist; expected a FreeSWITCH conf dir such as a copy of /etc/freeswitch");
        }

        if (!File.Exists(Path.Combine(full, "freeswitch.xml")))
        {
            throw new UserInputException($"--conf-dir '{confDir}' has no freeswitch.xml; expected a FreeSWITCH conf dir such as a copy of /etc/freeswitch");
        }

        var options = new ConfigLoadOptions { ConfDir = full };
        foreach (var (k, v) in DefaultVariables(full))
        {
            options.RuntimeVariables[k] = v;
        }

        foreach (var (k, v) in variables)
        {
            options.RuntimeVariables[k] = v;
        }

        try
        {
            var config = FreeSwitchConfiguration.Load(new DirectoryConfigSource(), options);
            return EffectiveSettings.From(config, full);
        }
        catch (FreeSwitchConfigException ex)
        {
            throw new UserInputException(
                ex.Detail.Contains("; expected", StringComparison.Ordinal) ? ex.Detail : ex.Detail + "; expected well-formed XML after pre-processing",
                ex.Location is { } l ? new SourceLocation(l.File, l.Line, l.Column) : null,
                inner: ex);
        }
    }

    /// <summary>The effective settings as JSON (no password), with the variables used.</summary>
    public static string ToJson(EffectiveSettings settings, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var plain = settings.ToPlain(includePassword: false);
        plain["variables"] = variables.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => (object?)v.Value, StringComparer.Ordinal);
        return JsonSerializer.Serialize(plain, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>The effective settings for a person: one screen, the ESL password never shown.</summary>
    public static string ToText(EffectiveSettings settings, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var sb = new StringBuilder();
        void Line(string label, string value) => sb.Append(label.PadRight(14)).Append(value).Append('\n');
        Line("conf dir", settings.ConfDir);
        var range = $"{settings.RtpStartPort}-{settings.RtpEndPort}";
        Line("RTP range", settings.RtpRangeIsDefault
            ? $"{range} (compiled default: rtp-start-port and rtp-end-port are not set)"
            : $"{range} (start {Where(settings.RtpStartPortIsDefault, settings.RtpStartPortLocation)}, end {Where(settings.RtpEndPortIsDefault, settings.RtpEndPortLocation)})");
        Line("robustness", settings.Robustness
            ? $"on (rtp-port-usage-robustness at {settings.RobustnessLocation})"
            : settings.RobustnessLocation is null ? "off (rtp-port-usage-robustness not set; default false)" : $"off (rtp-port-usage-robustness at {settings.RobustnessLocation})");
        if (settings.CaptureServerValue is null)
        {
            Line("capture", "capture-server not set: no capture socket opens");
        }
        else if (settings.CaptureServer is { } c)
        {
            Line("capture", string.Create(CultureInfo.InvariantCulture, $"{c.Raw} -> host {c.Host}, port {c.Port}, hep {c.HepVersion}, capture_id {c.CaptureId} (at {settings.CaptureServerLocation})"));
        }
        else
        {
            Line("capture", $"INVALID '{settings.CaptureServerValue}': {settings.CaptureServerError}; sofia-sip opens no capture socket (at {settings.CaptureServerLocation})");
        }

        Line("event socket", string.Create(CultureInfo.InvariantCulture, $"listen {settings.EslListenIp} port {settings.EslListenPort} (password not shown)"));
        sb.Append("profiles\n");
        var rows = new List<string[]> { new[] { "NAME", "SIP-IP", "RTP-IP", "SIP-PORT", "SIP-CAPTURE" } };
        rows.AddRange(settings.Profiles.Select(p => new[]
        {
            p.Name,
            p.SipIp,
            string.Join(",", p.RtpIps),
            p.SipPort.ToString(CultureInfo.InvariantCulture),
            (p.SipCapture ? "yes" : "no") + (p.SipCaptureValue is null ? " (not set)" : p.SipCaptureValue is "yes" or "no" ? string.Empty : $" ({p.SipCaptureValue})"),
        }));
        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            sb.Append("  ").Append(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])))).Append('\n');
        }

        if (settings.Profiles.Count == 0)
        {
            sb.Append("  (no profile with <settings>)\n");
        }

        var used = new[] { "local_ip_v4", "local_ip_v6", "hostname" }
            .Select(n => $"{n}={variables.GetValueOrDefault(n)}");
        Line("variables", string.Join(" ", used) + " (set others with --var NAME=VALUE)");
        if (settings.Warnings.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"warnings ({settings.Warnings.Count})\n");
            foreach (var w in settings.Warnings)
            {
                sb.Append("  ").Append(w).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string Where(bool isDefault, string? location) => isDefault ? "compiled default" : $"at {location}";
}
