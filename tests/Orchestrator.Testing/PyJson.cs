using System.Globalization;
using System.Numerics;
using System.Text;

namespace Orchestrator.Testing;

/// <summary>
/// Parses JSON as Python's json module does (NaN and Infinity allowed; integers and floats kept apart)
/// and compares documents semantically: object key order does not matter, list order does, 1 and 1.0 differ.
/// </summary>
public static class PyJson
{
    public sealed record PyFloatValue(double Value);

    public static object? Parse(string text)
    {
        var p = new Parser(text);
        p.SkipWs();
        var value = p.ReadValue();
        p.SkipWs();
        return p.AtEnd ? value : throw new FormatException($"trailing text at {p.Position}");
    }

    /// <summary>Null when equal, else the path of the first difference with both values.</summary>
    public static string? Difference(object? expected, object? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (Dictionary<string, object?> e, Dictionary<string, object?> a):
                foreach (var key in e.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
                {
                    if (!e.TryGetValue(key, out var ev))
                    {
                        return $"{path}.{key}: missing in ansible, ours has {Show(a[key])}";
                    }

                    if (!a.TryGetValue(key, out var av))
                    {
                        return $"{path}.{key}: ansible has {Show(ev)}, missing in ours";
                    }

                    var d = Difference(ev, av, $"{path}.{key}");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case (List<object?> e, List<object?> a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count)
                    {
                        return $"{path}: ansible has {Show(e)}, ours has {Show(a)}";
                    }

                    var d = Difference(e[i], a[i], $"{path}[{i}]");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case (PyFloatValue e, PyFloatValue a):
                return e.Value.Equals(a.Value) ? null : $"{path}: ansible has {e.Value:R}, ours has {a.Value:R}";
            default:
                return Equals(expected, actual) ? null : $"{path}: ansible has {Show(expected)}, ours has {Show(actual)}";
        }
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        PyFloatValue f => f.Value.ToString("R", CultureInfo.InvariantCulture) + " (float)",
        Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => kv.Key + ": " + Show(kv.Value))) + "}",
        List<object?> l => "[" + string.Join(", ", l.Select(Show)) + "]",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) + " (int)",
    };

    private sealed class Parser(string s)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= s.Length;

        public void SkipWs()
        {
            while (Position < s.Length && s[Position] is ' ' or '\t' or '\n' or '\r')
            {
                Position++;
            }
        }

        public object? ReadValue()
        {
            SkipWs();
            var c = s[Position];
            switch (c)
            {
                case '{':
                {
                    Position++;
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    SkipWs();
                    if (s[Position] == '}')
                    {
                        Position++;
                        return map;
                    }

                    while (true)
                    {
                        SkipWs();
                        var key = ReadString();
                        SkipWs();
                        Expect(':');
                        map[key] = ReadValue();
                        SkipWs();
                        if (s[Position] == ',')
                        {
                            Position++;
                            continue;
                        }

                        Expect('}');
                        return map;
                    }
                }

                case '[':
                {
                    Position++;
                    var list = new List<object?>();
                    SkipWs();
                    if (s[Position] == ']')
                    {
                        Position++;
                        return list;
                    }

                    while (true)
                    {
                        list.Add(ReadValue());
                        SkipWs();
                        if (s[Position] == ',')
                        {
                            Position++;
                            continue;
                        }

                        Expect(']');
                        return list;
                    }
                }

                case '"':
                    return ReadString();
                default:
                    if (Take("true"))
                    {
                        return true;
                    }

                    if (Take("false"))
                    {
                        return false;
                    }

                    if (Take("null"))
                    {
                        return null;
                    }

                    if (Take("NaN"))
                    {
                        return new PyFloatValue(double.NaN);
                    }

                    if (Take("Infinity"))
                    {
                        return new PyFloatValue(double.PositiveInfinity);
                    }

                    if (Take("-Infinity"))
                    {
                        return new PyFloatValue(double.NegativeInfinity);
                    }

                    return ReadNumber();
            }
        }

        private bool Take(string word)
        {
            if (string.CompareOrdinal(s, Position, word, 0, word.Length) == 0)
            {
                Position += word.Length;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (s[Position] != c)
            {
                throw new FormatException($"expected '{c}' at {Position}, found '{s[Position]}'");
            }

            Position++;
        }

        private object ReadNumber()
        {
            var start = Position;
            while (Position < s.Length && (char.IsAsciiDigit(s[Position]) || s[Position] is '-' or '+' or '.' or 'e' or 'E'))
            {
                Position++;
            }

            var text = s[start..Position];
            if (text.AsSpan().IndexOfAny(".eE") >= 0)
            {
                return new PyFloatValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        private string ReadString()
        {
            Expect('"');
            var sb = new StringBuilder();
            while (true)
            {
                var c = s[Position++];
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                var e = s[Position++];
                switch (e)
                {
                    case 'n':
                        sb.Append('\n');
                        break;
                    case 't':
                        sb.Append('\t');
                        break;
                    case 'r':
                        sb.Append('\r');
                        break;
                    case 'b':
                        sb.Append('\b');
                        break;
                    case 'f':
                        sb.Append('\f');
                        break;
                    case 'u':
                        sb.Append((char)int.Parse(s.AsSpan(Position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        Position += 4;
                        break;
                    default:
                        sb.Append(e);
                        break;
                }
            }
        }
    }
}
