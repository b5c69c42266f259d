using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Python;
using Orchestrator.Inventory.Vars;

namespace Orchestrator.Inventory.Yaml;

/// <summary>
/// Turns YAML nodes into plain data as Ansible's AnsibleConstructor (PyYAML SafeConstructor) does:
/// YAML 1.1 scalars, merge keys, duplicate keys (last wins, with a warning), <c>!unsafe</c> shown as
/// <c>{"__ansible_unsafe": ...}</c> and dates as ISO strings, exactly as ansible-inventory prints them.
/// </summary>
internal sealed partial class YamlConstructor(string file, Action<string>? warn, InventoryVault? vault = null)
{
    private readonly Dictionary<YNode, object?> _plain = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<YMapping, List<YEntry>> _entries = new(ReferenceEqualityComparer.Instance);

    [GeneratedRegex(
        @"^(?<year>[0-9][0-9][0-9][0-9])-(?<month>[0-9][0-9]?)-(?<day>[0-9][0-9]?)(?:(?:[Tt]|[ \t]+)(?<hour>[0-9][0-9]?):(?<minute>[0-9][0-9]):(?<second>[0-9][0-9])(?:\.(?<fraction>[0-9]*))?(?:[ \t]*(?<tz>Z|(?<tz_sign>[-+])(?<tz_hour>[0-9][0-9]?)(?::(?<tz_minute>[0-9][0-9]))?))?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex TimestampParts();

    public string File => file;

    public UserInputException Error(YNode node, string message) =>
        new(message, new SourceLocation(file, node.Line, node.Column));

    /// <summary>The keys and values of a mapping, with <c>&lt;&lt;</c> merges applied and duplicate keys resolved.</summary>
    public List<YEntry> Entries(YMapping mapping)
    {
        if (_entries.TryGetValue(mapping, out var cached))
        {
            return cached;
        }

        var pairs = Flatten(mapping, new HashSet<YMapping>(ReferenceEqualityComparer.Instance));
        var result = new List<YEntry>(pairs.Count);
        var index = new Dictionary<object, int>();
        foreach (var (keyNode, valueNode) in pairs)
        {
            if (keyNode is not YScalar)
            {
                throw Error(keyNode, $"found a {keyNode.Kind} used as a mapping key; expected a scalar key (a {keyNode.Kind} cannot be a dictionary key in Ansible)");
            }

            var key = ScalarKey((YScalar)keyNode);
            var identity = PyData.KeyIdentity(key);
            if (index.TryGetValue(identity, out var at))
            {
                warn?.Invoke(
                    $"While constructing a mapping from {file}, line {mapping.Line}, column {mapping.Column}, found a duplicate dict key ({PyData.Str(key)}). Using last defined value only.");
                result[at] = new YEntry(result[at].KeyNode, result[at].Key, valueNode);
            }
            else
            {
                index[identity] = result.Count;
                result.Add(new YEntry(keyNode, key, valueNode));
            }
        }

        _entries[mapping] = result;
        return result;
    }

    private List<KeyValuePair<YNode, YNode>> Flatten(YMapping mapping, HashSet<YMapping> active)
    {
        if (!active.Add(mapping))
        {
            throw Error(mapping, "found a mapping that merges itself (<<: *alias); expected merge keys that refer to other mappings");
        }

        var merged = new List<KeyValuePair<YNode, YNode>>();
        var own = new List<KeyValuePair<YNode, YNode>>();
        foreach (var pair in mapping.Pairs)
        {
            if (pair.Key.Tag == YamlTags.Merge)
            {
                switch (pair.Value)
                {
                    case YMapping source:
                        merged.AddRange(Flatten(source, active));
                        break;
                    case YSequence list:
                        var parts = new List<List<KeyValuePair<YNode, YNode>>>();
                        foreach (var item in list.Items)
                        {
                            if (item is not YMapping itemMap)
                            {
                                throw Error(item, $"found a {item.Kind} in a merge list (<<); expected a mapping for merging");
                            }

                            parts.Add(Flatten(itemMap, active));
                        }

                        parts.Reverse();
                        foreach (var part in parts)
                        {
                            merged.AddRange(part);
                        }

                        break;
                    default:
                        throw Error(pair.Value, $"found a {pair.Value.Kind} after a merge key (<<); expected a mapping or list of mappings for merging");
                }
            }
            else
            {
                own.Add(pair);
            }
        }

        active.Remove(mapping);
        merged.AddRange(own);
        return merged;
    }

    private object? ScalarKey(YScalar key) =>
        key.Tag == YamlTags.Value ? key.Value : ScalarValue(key);

    /// <summary>The plain-data value of any node.</summary>
    public object? ToPlain(YNode node)
    {
        if (_plain.TryGetValue(node, out var done))
        {
            return done;
        }

        object? value;
        switch (node)
        {
            case YScalar scalar when scalar.Tag is YamlTags.Unsafe:
                value = Unsafe(scalar.Value);
                break;
            case YScalar scalar:
                if (scalar.Tag is YamlTags.Set or YamlTags.Omap or YamlTags.Pairs or YamlTags.Map or YamlTags.PythonDict or YamlTags.Seq)
                {
                    throw Error(scalar, $"found a scalar tagged {scalar.Tag}; expected a collection for that tag");
                }

                value = ScalarValue(scalar);
                break;
            case YSequence sequence:
            {
                if (sequence.Tag is not (YamlTags.Seq or YamlTags.Unsafe or YamlTags.Omap or YamlTags.Pairs))
                {
                    throw Error(sequence, $"found the tag {sequence.Tag} on a sequence; could not determine a constructor for it");
                }

                var list = new List<object?>(sequence.Items.Count);
                _plain[node] = list;
                foreach (var item in sequence.Items)
                {
                    if (sequence.Tag is YamlTags.Omap or YamlTags.Pairs && item is YMapping pairMap)
                    {
                        foreach (var entry in Entries(pairMap))
                        {
                            list.Add(new List<object?> { PyData.JsonKey(entry.Key), ToPlain(entry.ValueNode) });
                        }
                    }
                    else
                    {
                        list.Add(ToPlain(item));
                    }
                }

                value = sequence.Tag == YamlTags.Unsafe ? WrapUnsafe(list) : list;
                break;
            }

            case YMapping mapping:
            {
                if (mapping.Tag is not (YamlTags.Map or YamlTags.PythonDict or YamlTags.Unsafe or YamlTags.Set))
                {
                    throw Error(mapping, $"found the tag {mapping.Tag} on a mapping; could not determine a constructor for it");
                }

                if (mapping.Tag == YamlTags.Set)
                {
                    value = Entries(mapping).Select(e => e.Key).ToList();
                    break;
                }

                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                _plain[node] = dict;
                var seen = new Dictionary<object, string>();
                foreach (var entry in Entries(mapping))
                {
                    if (!seen.TryGetValue(PyData.KeyIdentity(entry.Key), out var jsonKey))
                    {
                        jsonKey = PyData.JsonKey(entry.Key);
                        seen[PyData.KeyIdentity(entry.Key)] = jsonKey;
                    }

                    dict[jsonKey] = ToPlain(entry.ValueNode);
                }

                value = mapping.Tag == YamlTags.Unsafe ? WrapUnsafe(dict) : dict;
                break;
            }

            default:
                value = null;
                break;
        }

        _plain[node] = value;
        return value;
    }

    private static Dictionary<string, object?> Unsafe(string text) =>
        new(StringComparer.Ordinal) { ["__ansible_unsafe"] = text };

    private static object? WrapUnsafe(object? value) => value switch
    {
        string s => Unsafe(s),
        Dictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => WrapUnsafe(kv.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(WrapUnsafe).ToList(),
        _ => value,
    };

    /// <summary>A scalar typed by its tag, as PyYAML's SafeConstructor builds it.</summary>
    public object? ScalarValue(YScalar scalar)
    {
        if (scalar.HasTypedValue)
        {
            return scalar.TypedValue;
        }

        var v = scalar.Value;
        switch (scalar.Tag)
        {
            case YamlTags.Str or YamlTags.PythonUnicode:
                return v;
            case YamlTags.Null:
                return null;
            case YamlTags.Bool:
                return v.ToLowerInvariant() switch
                {
                    "yes" or "true" or "on" => true,
                    "no" or "false" or "off" => false,
                    _ => throw Error(scalar, $"found '{v}' tagged !!bool; expected yes/no, true/false or on/off"),
                };
            case YamlTags.Int:
                return ConstructInt(scalar);
            case YamlTags.Float:
                return ConstructFloat(scalar);
            case YamlTags.Timestamp:
                return ConstructTimestamp(scalar);
            case YamlTags.Binary:
                return string.Concat(v.Where(c => !char.IsWhiteSpace(c)));
            case YamlTags.Unsafe:
                return Unsafe(v);
            case YamlTags.Vault or YamlTags.VaultEncrypted:
                return (vault ?? InventoryVault.None).Inline(v, new SourceLocation(file, scalar.Line, scalar.Column));
            case YamlTags.Merge or YamlTags.Value:
                throw Error(scalar, $"found '{v}' where a value was expected; could not determine a constructor for the tag '{scalar.Tag}' (quote it to make it a string)");
            default:
                throw Error(scalar, $"found the tag '{scalar.Tag}'; could not determine a constructor for it (expected one of !!str, !!int, !!float, !!bool, !!null, !unsafe)");
        }
    }

    private object ConstructInt(YScalar scalar)
    {
        var v = scalar.Value.Replace("_", "", StringComparison.Ordinal);
        var sign = 1;
        if (v.StartsWith('-'))
        {
            sign = -1;
        }

        if (v.StartsWith('-') || v.StartsWith('+'))
        {
            v = v[1..];
        }

        try
        {
            BigInteger result;
            if (v == "0")
            {
                result = BigInteger.Zero;
            }
            else if (v.StartsWith("0b", StringComparison.Ordinal))
            {
                result = ParseRadix(v[2..], 2);
            }
            else if (v.StartsWith("0x", StringComparison.Ordinal))
            {
                result = ParseRadix(v[2..], 16);
            }
            else if (v.StartsWith('0'))
            {
                result = ParseRadix(v, 8);
            }
            else if (v.Contains(':', StringComparison.Ordinal))
            {
                result = BigInteger.Zero;
                foreach (var part in v.Split(':'))
                {
                    result = (result * 60) + BigInteger.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
            else
            {
                result = BigInteger.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture);
            }

            return PyData.Integer(sign * result);
        }
        catch (FormatException)
        {
            throw Error(scalar, $"found '{scalar.Value}' tagged !!int; expected an integer");
        }
    }

    private static BigInteger ParseRadix(string digits, int radix)
    {
        if (digits.Length == 0)
        {
            throw new FormatException();
        }

        var value = BigInteger.Zero;
        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                throw new FormatException();
            }

            value = (value * radix) + d;
        }

        return value;
    }

    private double ConstructFloat(YScalar scalar)
    {
        var v = scalar.Value.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        var sign = 1.0;
        if (v.StartsWith('-'))
        {
            sign = -1.0;
        }

        if (v.StartsWith('-') || v.StartsWith('+'))
        {
            v = v[1..];
        }

        if (v == ".inf")
        {
            return sign * double.PositiveInfinity;
        }

        if (v == ".nan")
        {
            return double.NaN;
        }

        try
        {
            if (v.Contains(':', StringComparison.Ordinal))
            {
                var result = 0.0;
                foreach (var part in v.Split(':'))
                {
                    result = (result * 60) + ParseDouble(part);
                }

                return sign * result;
            }

            return sign * ParseDouble(v);
        }
        catch (FormatException)
        {
            throw Error(scalar, $"found '{scalar.Value}' tagged !!float; expected a number");
        }
    }

    private static double ParseDouble(string text)
    {
        var t = text.EndsWith('.') ? text + "0" : text.Replace(".e", ".0e", StringComparison.Ordinal);
        if (t.StartsWith('.'))
        {
            t = "0" + t;
        }

        return double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private string ConstructTimestamp(YScalar scalar)
    {
        var m = TimestampParts().Match(scalar.Value);
        if (!m.Success)
        {
            throw Error(scalar, $"found '{scalar.Value}' tagged !!timestamp; expected a date such as 2001-12-14 or 2001-12-14T21:59:43Z");
        }

        int G(string name) => int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        try
        {
            var date = new DateOnly(G("year"), G("month"), G("day"));
            if (!m.Groups["hour"].Success)
            {
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            var time = new TimeOnly(G("hour"), G("minute"), G("second"));
            var text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            if (m.Groups["fraction"].Success && m.Groups["fraction"].Value.Length > 0)
            {
                var fraction = m.Groups["fraction"].Value;
                fraction = fraction.Length > 6 ? fraction[..6] : fraction.PadRight(6, '0');
                if (int.Parse(fraction, CultureInfo.InvariantCulture) != 0)
                {
                    text += "." + fraction;
                }
            }

            if (m.Groups["tz_sign"].Success)
            {
                var hours = G("tz_hour");
                var minutes = m.Groups["tz_minute"].Success ? G("tz_minute") : 0;
                if (hours > 23 || minutes > 59)
                {
                    throw new ArgumentOutOfRangeException(nameof(scalar));
                }

                text += (hours == 0 && minutes == 0 ? "+" : m.Groups["tz_sign"].Value) + $"{hours:00}:{minutes:00}";
            }
            else if (m.Groups["tz"].Success)
            {
                text += "+00:00";
            }

            return text;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Error(scalar, $"found '{scalar.Value}', which is not a valid date or time; expected a real calendar date");
        }
    }
}
