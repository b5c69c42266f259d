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
    private static readonly System.Buffers.SearchValues<char> NeedsEscape =
        System.Buffers.SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private static readonly string[] Indents = [.. Enumerable.Range(0, 16).Select(level => "\n" + new string(' ', 4 * level))];

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
            case Core.Vault.VaultedValue vaulted:
                WriteMap(w, new Dictionary<string, object?> { ["__ansible_vault"] = vaulted.Ciphertext }, level);
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

    private static void NewLine(TextWriter w, int level) =>
        w.Write(level < Indents.Length ? Indents[level] : "\n" + new string(' ', 4 * level));

    private static void WriteString(TextWriter w, string s)
    {
        w.Write('"');
        var first = s.AsSpan().IndexOfAny(NeedsEscape);
        if (first < 0)
        {
            w.Write(s);
            w.Write('"');
            return;
        }

        var start = 0;
        for (var i = first; i < s.Length; i++)
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
