using System.Globalization;
using System.Numerics;
using System.Text;

namespace Orchestrator.Inventory.Python;

/// <summary>
/// Python-flavoured helpers over the plain-data values (null, bool, long, BigInteger, double, string,
/// List, Dictionary) that inventories produce.
/// </summary>
internal static class PyData
{
    /// <summary>The key <c>json.dumps</c> writes for a Python dict key.</summary>
    public static string JsonKey(object? key) => key switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => PyFloat.Json(d),
        long or int or BigInteger => Convert.ToString(key, CultureInfo.InvariantCulture)!,
        _ => Repr(key),
    };

    /// <summary>
    /// An identity under which Python dicts treat keys as equal: 1, 1.0 and True are one key.
    /// </summary>
    public static object KeyIdentity(object? key) => key switch
    {
        null => "n:",
        string s => "s:" + s,
        bool b => b ? BigInteger.One : BigInteger.Zero,
        long l => new BigInteger(l),
        BigInteger bi => bi,
        double d when double.IsFinite(d) && Math.Floor(d) == d => new BigInteger(d),
        double d => "f:" + PyFloat.Repr(d),
        _ => "r:" + Repr(key),
    };

    /// <summary>Python's <c>str()</c>: strings as they are, everything else as <see cref="Repr"/>.</summary>
    public static string Str(object? value) => value is string s ? s : Repr(value);

    /// <summary>Python's <c>repr()</c> of a plain-data value.</summary>
    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value);
        return sb.ToString();
    }

    private static void AppendRepr(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("None");
                break;
            case bool b:
                sb.Append(b ? "True" : "False");
                break;
            case string s:
                AppendStringRepr(sb, s);
                break;
            case double d:
                sb.Append(PyFloat.Repr(d));
                break;
            case long or int or BigInteger:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object?> map:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in map)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    AppendStringRepr(sb, k);
                    sb.Append(": ");
                    AppendRepr(sb, v);
                }

                sb.Append('}');
                break;
            case System.Collections.IEnumerable list:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in list)
                {
                    if (!firstItem)
                    {
                        sb.Append(", ");
                    }

                    firstItem = false;
                    AppendRepr(sb, item);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void AppendStringRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\':
                    sb.Append(@"\\");
                    break;
                case '\n':
                    sb.Append(@"\n");
                    break;
                case '\r':
                    sb.Append(@"\r");
                    break;
                case '\t':
                    sb.Append(@"\t");
                    break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append(quote);
    }

    /// <summary>Narrows a big integer to a long when it fits, as the plain-data convention prefers.</summary>
    public static object Integer(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;
}
