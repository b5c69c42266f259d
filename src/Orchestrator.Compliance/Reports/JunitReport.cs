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
        w.WriteAttributeString("name", $"compliance: {result.PolicyName}");
        w.WriteAttributeString("tests", Count(all.Count));
        w.WriteAttributeString("failures", Count(all.Count(r => r.Status == ControlStatus.Fail)));
        w.WriteAttributeString("errors", Count(all.Count(r => r.Status == ControlStatus.Error)));
        w.WriteAttributeString("time", seconds);
        var controls = result.Controls.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var id = 0;
        foreach (var host in result.Hosts)
        {
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", host.Host);
            w.WriteAttributeString("tests", Count(host.Controls.Count));
            w.WriteAttributeString("failures", Count(host.Controls.Count(r => r.Status == ControlStatus.Fail)));
            w.WriteAttributeString("errors", Count(host.Controls.Count(r => r.Status == ControlStatus.Error)));
            w.WriteAttributeString("skipped", Count(host.Controls.Count(r => r.Status is ControlStatus.Skipped or ControlStatus.Waived)));
            w.WriteAttributeString("time", seconds);
            w.WriteAttributeString("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            w.WriteAttributeString("hostname", host.Host);
            w.WriteAttributeString("id", Count(id++));
            w.WriteAttributeString("package", result.PolicyName);
            w.WriteStartElement("properties");
            Property(w, "policy", result.PolicyPath);
            Property(w, "host.state", host.State == HostState.Reachable ? "reachable" : "unreachable");
            Property(w, "host.compliant", host.Compliant ? "true" : "false");
            w.WriteEndElement();
            foreach (var r in host.Controls)
            {
                var control = controls.GetValueOrDefault(r.ControlId);
                w.WriteStartElement("testcase");
                w.WriteAttributeString("name", control is null ? r.ControlId : $"{r.ControlId}: {control.Title}");
                w.WriteAttributeString("classname", $"{host.Host}.{r.ControlId}");
                w.WriteAttributeString("time", "0");
                w.WriteAttributeString("status", r.Status.ToWire());
                var details = Details(r, control);
                switch (r.Status)
                {
                    case ControlStatus.Fail:
                        w.WriteStartElement("failure");
                        w.WriteAttributeString("type", control?.CheckType ?? "check");
                        w.WriteAttributeString("message", Clean(r.Message));
                        w.WriteString(Clean(details));
                        w.WriteEndElement();
                        break;
                    case ControlStatus.Error:
                        w.WriteStartElement("error");
                        w.WriteAttributeString("type", host.State == HostState.Unreachable ? "unreachable" : "error");
                        w.WriteAttributeString("message", Clean(r.Message));
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
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", value);
        w.WriteEndElement();
    }

    /// <summary>Drops characters XML 1.0 cannot carry (command output may hold control characters).</summary>
    private static string Clean(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : new string(text.Where(XmlConvert.IsXmlChar).ToArray());

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
