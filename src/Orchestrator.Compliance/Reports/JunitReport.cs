using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Orchestrator.Compliance.Results;

namespace Orchestrator.Compliance.Reports;

/// <summary>
/// JUnit XML in the Jenkins/Ant format CI servers read: one testsuite per host, one testcase per host and control.
/// fail is a failure, error an error, waived and skipped are skipped (with the reason); the evidence goes to system-out.
/// </summary>
internal static class JunitReport
{
    public static void Write(Stream stream, SweepResult result)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = true };
        using var w = XmlWriter.Create(stream, settings);
        var seconds = (result.FinishedAt - result.StartedAt).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var all = result.AllResults.ToList();
        w.WriteStartDocument();
        w.WriteStartElement("testsuites");
        Attribute(w, "name", $"compliance: {result.PolicyName}");
        Attribute(w, "tests", Count(all.Count));
        Attribute(w, "failures", Count(all.Count(r => r.Status == ControlStatus.Fail)));
        Attribute(w, "errors", Count(all.Count(r => r.Status == ControlStatus.Error)));
        Attribute(w, "time", seconds);
        var controls = result.Controls.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var id = 0;
        foreach (var host in result.Hosts)
        {
            w.WriteStartElement("testsuite");
            Attribute(w, "name", host.Host);
            Attribute(w, "tests", Count(host.Controls.Count));
            Attribute(w, "failures", Count(host.Controls.Count(r => r.Status == ControlStatus.Fail)));
            Attribute(w, "errors", Count(host.Controls.Count(r => r.Status == ControlStatus.Error)));
            Attribute(w, "skipped", Count(host.Controls.Count(r => r.Status is ControlStatus.Skipped or ControlStatus.Waived)));
            Attribute(w, "time", seconds);
            Attribute(w, "timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            Attribute(w, "hostname", host.Host);
            Attribute(w, "id", Count(id++));
            Attribute(w, "package", result.PolicyName);
            w.WriteStartElement("properties");
            Property(w, "policy", result.PolicyPath);
            Property(w, "host.state", host.State == HostState.Reachable ? "reachable" : "unreachable");
            Property(w, "host.compliant", host.Compliant ? "true" : "false");
            w.WriteEndElement();
            foreach (var r in host.Controls)
            {
                var control = controls.GetValueOrDefault(r.ControlId);
                w.WriteStartElement("testcase");
                Attribute(w, "name", control is null ? r.ControlId : $"{r.ControlId}: {control.Title}");
                Attribute(w, "classname", $"{host.Host}.{r.ControlId}");
                Attribute(w, "time", "0");
                Attribute(w, "status", r.Status.ToWire());
                var details = Details(r, control);
                switch (r.Status)
                {
                    case ControlStatus.Fail:
                        w.WriteStartElement("failure");
                        Attribute(w, "type", control?.CheckType ?? "check");
                        Attribute(w, "message", Clean(r.Message));
                        w.WriteString(Clean(details));
                        w.WriteEndElement();
                        break;
                    case ControlStatus.Error:
                        w.WriteStartElement("error");
                        Attribute(w, "type", host.State == HostState.Unreachable ? "unreachable" : "error");
                        Attribute(w, "message", Clean(r.Message));
                        w.WriteString(Clean(details));
                        w.WriteEndElement();
                        break;
                    case ControlStatus.Waived or ControlStatus.Skipped:
                        // The Jenkins schema's <skipped> is text only; the reason goes in it.
                        w.WriteElementString("skipped", Clean($"{r.Status.ToWire()}: {r.Message}"));
                        break;
                    default:
                        break;
                }

                w.WriteElementString("system-out", Clean(details));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static string Details(ControlResult r, ControlSummary? control)
    {
        var sb = new StringBuilder();
        sb.Append(r.Message).Append('\n');
        if (control is not null)
        {
            sb.Append("impact: ").Append(control.Impact.ToString("0.0#", CultureInfo.InvariantCulture)).Append('\n');
            if (r.Status is ControlStatus.Fail or ControlStatus.Error && control.Remediation.Length > 0)
            {
                sb.Append("remediation: ").Append(control.Remediation.Trim()).Append('\n');
            }
        }

        sb.Append("evidence: ").Append(JsonSerializer.Serialize(r.Evidence, EvidenceJson.Options));
        return sb.ToString();
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        Attribute(w, "name", name);
        Attribute(w, "value", value);
        w.WriteEndElement();
    }

    private static void Attribute(XmlWriter w, string name, string value) => w.WriteAttributeString(name, Clean(value));

    /// <summary>
    /// Writes characters XML 1.0 cannot carry (U+0000-U+001F but tab, LF and CR; lone surrogates) as a visible
    /// <c>\uXXXX</c>: command output and host names may hold them, and XmlWriter would throw.
    /// </summary>
    internal static string Clean(string text)
    {
        if (HasOnlyValidPairs(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return sb.ToString();
    }

    private static bool HasOnlyValidPairs(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
