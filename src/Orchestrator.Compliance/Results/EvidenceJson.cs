using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Core.Secrets;

namespace Orchestrator.Compliance.Results;

/// <summary>JSON options for evidence (plain data): secrets render as [REDACTED], never their value.</summary>
internal static class EvidenceJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SecretConverter() },
    };

    /// <summary>Reads evidence JSON back into plain data.</summary>
    public static Dictionary<string, object?> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal)
            : [];
    }

    private static object? ToPlain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => e.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private sealed class SecretConverter : JsonConverter<Secret>
    {
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("secrets are never read back from evidence");

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) => writer.WriteStringValue(Secret.Redacted);
    }
}
