using System.Globalization;
using System.Numerics;
using System.Text;
using Orchestrator.Inventory.Python;

namespace Orchestrator.Inventory.Output;

/// <summary>
/// Writes plain data exactly as ansible-inventory does: Python's
/// <c>json.dumps(data, sort_keys=True, indent=4, ensure_ascii=False)</c>, including Python's float
/// formatting and <c>NaN</c>/<c>Infinity</c>.
/// </summary>
public static class AnsibleJson
{
    public static string Serialize(object? value)
    {
        var sb = new StringBuilder();
        using (var writer = new StringWriter(sb, CultureInfo.InvariantCulture))
        {
            Write(writer, value);
        }

        return sb.ToString();
    }

    public static void Write(TextWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteValue(writer, value, 0);
    }

    private static void WriteValue(TextWriter w, object? value, int level)
    {
        switch (value)
        {
            case null:
                w.Write("null");
                break;
            case bool b:
                w.Write(b ? "true" : "false");
                break;
            case string s:
                WriteString(w, s);
                break;
            case double d:
                w.Write(PyFloat.Json(d));
                break;
            case float f:
                w.Write(PyFloat.Json(f));
                break;
            case long or int or BigInteger:
                w.Write(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object?> map:
                WriteMap(w, map, level);
                break;
            case System.Collections.IEnumerable list:
                WriteList(w, list, level);
                break;
            default:
                WriteString(w, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }

    private static void WriteMap(TextWriter w, IReadOnlyDictionary<string, object?> map, int level)
    {
        if (map.Count == 0)
        {
            w.Write("{}");
            return;
        }

        var keys = map.Keys.ToArray();
        Array.Sort(keys, PyStringComparer.Instance);
        w.Write('{');
        var first = true;
        foreach (var key in keys)
        {
            if (!first)
            {
                w.Write(',');
            }

            first = false;
            NewLine(w, level + 1);
            WriteString(w, key);
            w.Write(": ");
            WriteValue(w, map[key], level + 1);
        }

        NewLine(w, level);
        w.Write('}');
    }

    private static void WriteList(TextWriter w, System.Collections.IEnumerable list, int level)
    {
        var first = true;
        foreach (var item in list)
        {
            if (first)
            {
                w.Write('[');
            }
            else
            {
                w.Write(',');
            }

            first = false;
            NewLine(w, level + 1);
            WriteValue(w, item, level + 1);
        }

        if (first)
        {
            w.Write("[]");
            return;
        }

        NewLine(w, level);
        w.Write(']');
    }

    private static void NewLine(TextWriter w, int level)
    {
        w.Write('\n');
        for (var i = 0; i < level; i++)
        {
            w.Write("    ");
        }
    }

    private static void WriteString(TextWriter w, string s)
    {
        w.Write('"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            string? escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escape is null)
            {
                continue;
            }

            w.Write(s.AsSpan(start, i - start));
            w.Write(escape);
            start = i + 1;
        }

        w.Write(s.AsSpan(start));
        w.Write('"');
    }
}
