using System.Globalization;
using System.Text.Json;
using Orchestrator.Compliance.Results;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Reports;

/// <summary>
/// The JSON report, schema <c>orchestrator-compliance-report/1</c> (docs/compliance-report.schema.json). Fields are only
/// ever added within a schema version; a removal or change of meaning bumps it.
/// </summary>
internal static class JsonReport
{
    public const string SchemaId = "orchestrator-compliance-report/1";

    public static void Write(Stream stream, SweepResult result)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = EvidenceJson.Options.Encoder });
        w.WriteStartObject();
        w.WriteString("schema", SchemaId);
        w.WriteStartObject("policy");
        w.WriteString("name", result.PolicyName);
        w.WriteString("path", result.PolicyPath);
        w.WriteEndObject();
        w.WriteString("started_at", Iso(result.StartedAt));
        w.WriteString("finished_at", Iso(result.FinishedAt));
        w.WriteNumber("duration_seconds", Math.Round((result.FinishedAt - result.StartedAt).TotalSeconds, 3));
        w.WriteString("trigger", result.Trigger);
        w.WriteNumber("exit_code", result.ExitCode);

        w.WriteStartObject("summary");
        w.WriteNumber("hosts", result.Hosts.Count);
        w.WriteNumber("compliant", result.Hosts.Count(h => h.Compliant));
        w.WriteNumber("non_compliant", result.Hosts.Count(h => h.State == HostState.Reachable && !h.Compliant));
        w.WriteNumber("unreachable", result.Hosts.Count(h => h.State == HostState.Unreachable));
        w.WriteStartObject("results");
        foreach (var status in Enum.GetValues<ControlStatus>())
        {
            w.WriteNumber(status.ToWire(), result.AllResults.Count(r => r.Status == status));
        }

        w.WriteEndObject();
        w.WriteEndObject();

        WriteObjects(w, "controls", result.Controls, c =>
        {
            w.WriteString("id", c.Id);
            w.WriteString("title", c.Title);
            w.WriteNumber("impact", c.Impact);
            w.WriteString("description", c.Description);
            w.WriteString("remediation", c.Remediation);
            w.WriteString("playbook", c.Playbook); // a null string is written as JSON null
            w.WriteString("check_type", c.CheckType);
        });

        WriteObjects(w, "hosts", result.Hosts, h =>
        {
            w.WriteString("name", h.Host);
            w.WriteString("state", h.State == HostState.Reachable ? "reachable" : "unreachable");
            w.WriteBoolean("compliant", h.Compliant);
            w.WriteString("error", h.Error);
            WritePorts(w, h.Ports);
            WriteObjects(w, "results", h.Controls, r => WriteResult(w, r));
        });

        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, ControlResult r)
    {
        w.WriteString("control", r.ControlId);
        w.WriteString("status", r.Status.ToWire());
        w.WriteString("message", r.Message);
        w.WritePropertyName("evidence");
        JsonSerializer.Serialize(w, r.Evidence, EvidenceJson.Options);
        w.WriteString("waived_outcome", r.WaivedOutcome?.ToWire());
        if (r.Waiver is { } waiver)
        {
            w.WriteStartObject("waiver");
            w.WriteString("justification", waiver.Justification);
            w.WriteString("expires", Iso(waiver.Expires));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("waiver");
        }
    }

    private static void WritePorts(Utf8JsonWriter w, HostPortPicture? ports)
    {
        if (ports is null)
        {
            w.WriteNull("ports");
            return;
        }

        w.WriteStartObject("ports");
        WriteRange(w, "rtp", ports.Rtp);
        WriteRange(w, "ephemeral", ports.Ephemeral);
        w.WriteStartArray("reserved");
        foreach (var r in ports.Reserved)
        {
            WriteRange(w, null, r);
        }

        w.WriteEndArray();
        WriteObjects(w, "capture_ports", ports.CapturePorts, c =>
        {
            w.WriteString("ip", c.LocalIp);
            w.WriteNumber("port", c.Port);
            w.WriteBoolean("collides", c.Collides);
        });
        w.WriteString("placement", ports.Placement);
        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, string? name, PortRange? range)
    {
        if (name is not null)
        {
            w.WritePropertyName(name);
        }

        if (range is not { } r)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("low", r.Low);
        w.WriteNumber("high", r.High);
        w.WriteEndObject();
    }

    /// <summary>An array property with one object per item, whose fields <paramref name="writeFields"/> writes.</summary>
    private static void WriteObjects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T> writeFields)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeFields(item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
