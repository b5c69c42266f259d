using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Orchestrator.Core.Secrets;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// Conversions between the project's plain data (null, bool, long, double, string, List, Dictionary, Secret)
/// and what Scriban hands back, plus Ansible-style truthiness and string forms.
/// </summary>
public static class PlainData
{
    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Normalises a value from Scriban or YAML into plain data (int to long, ScriptArray to List, ...).</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string or bool or long or double or Secret => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        uint u => (long)u,
        ulong ul => (long)ul,
        float f => (double)f,
        decimal m => (double)m,
        BigInteger bi => (long)bi,
        UndefinedValue u => throw new UndefinedVariableException(u.Name),
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value), StringComparer.Ordinal),
        IDictionary d => d.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty, k => Normalize(d[k]), StringComparer.Ordinal),
        IEnumerable e => e.Cast<object?>().Select(Normalize).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Ansible-style truthiness: "yes"/"true"/"on"/"1" strings are true, empty things are false.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Trim().ToLowerInvariant() switch
        {
            "" or "false" or "no" or "off" or "0" or "n" or "f" => false,
            _ => true,
        },
        ICollection c => c.Count > 0,
        UndefinedValue u => throw new UndefinedVariableException(u.Name),
        _ => true,
    };

    /// <summary>Strict boolean conversion for module arguments: true/false/yes/no/on/off/1/0.</summary>
    public static bool TryToBool(object? value, out bool result)
    {
        result = false;
        switch (value)
        {
            case bool b:
                result = b;
                return true;
            case long l when l is 0 or 1:
                result = l == 1;
                return true;
            case string s:
                switch (s.Trim().ToLowerInvariant())
                {
                    case "true" or "yes" or "on" or "1" or "y":
                        result = true;
                        return true;
                    case "false" or "no" or "off" or "0" or "n" or "":
                        result = false;
                        return true;
                }

                return false;
            default:
                return false;
        }
    }

    public static bool TryToLong(object? value, out long result)
    {
        result = 0;
        switch (value)
        {
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            case double d when Math.Abs(d % 1) < double.Epsilon:
                result = (long)d;
                return true;
            case string s:
                return long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
            default:
                return false;
        }
    }

    /// <summary>The string form used when a value is written into text (Ansible prints True/False for booleans in text).</summary>
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Secret s => s.Reveal(),
        UndefinedValue u => throw new UndefinedVariableException(u.Name),
        IDictionary or IList => ToJson(value),
        _ => Convert.ToString(Normalize(value), CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Compact JSON of plain data (secrets print as [REDACTED]).</summary>
    public static string ToJson(object? value)
    {
        var sb = new StringBuilder();
        WriteJson(sb, Normalize(value));
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "null");
                break;
            case string s:
                sb.Append(System.Text.Json.JsonSerializer.Serialize(s, JsonOptions));
                break;
            case Secret:
                sb.Append('"').Append(Secret.Redacted).Append('"');
                break;
            case IDictionary<string, object?> d:
                sb.Append('{');
                var first = true;
                foreach (var kv in d)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    sb.Append(System.Text.Json.JsonSerializer.Serialize(kv.Key, JsonOptions)).Append(": ");
                    WriteJson(sb, kv.Value);
                }

                sb.Append('}');
                break;
            case IEnumerable e:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in e)
                {
                    if (!firstItem)
                    {
                        sb.Append(", ");
                    }

                    firstItem = false;
                    WriteJson(sb, item);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(System.Text.Json.JsonSerializer.Serialize(Convert.ToString(value, CultureInfo.InvariantCulture), JsonOptions));
                break;
        }
    }

    /// <summary>Deep copy of plain data, so registered results cannot be mutated through another host's view.</summary>
    public static object? DeepCopy(object? value) => value switch
    {
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => DeepCopy(kv.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(DeepCopy).ToList(),
        _ => value,
    };

    /// <summary>True when a string anywhere in the value contains a template block.</summary>
    public static bool ContainsTemplate(object? value) => value switch
    {
        string s => s.Contains("{{", StringComparison.Ordinal),
        IDictionary<string, object?> d => d.Values.Any(ContainsTemplate),
        List<object?> l => l.Any(ContainsTemplate),
        _ => false,
    };

    /// <summary>The type name shown in argument errors.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "null",
        string => "string",
        bool => "boolean",
        long or int => "integer",
        double => "number",
        IDictionary => "mapping",
        IList => "list",
        Secret => "secret",
        _ => value.GetType().Name,
    };
}
