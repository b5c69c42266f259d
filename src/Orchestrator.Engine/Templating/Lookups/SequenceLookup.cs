using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>
/// <c>sequence</c>: numbers as formatted text, from <c>start=1 end=5 stride=2 format=%02d</c> (or <c>count=</c>) or the
/// shortcut <c>[start-]end[/stride][:format]</c>; integers in decimal, 0x hex or 0o/0 octal, as Ansible's lookup.
/// </summary>
internal static partial class SequenceLookup
{
    private const int MaxItems = 1_000_000;

    public static List<object?> Run(LookupCall call)
    {
        var result = new List<object?>();
        foreach (var term in call.TextTerms())
        {
            var (start, end, count, stride, format) = Parse(call, term);
            if (count is null && end is null)
            {
                throw call.Fail("must specify count or end in with_sequence");
            }

            if (count is not null && end is not null)
            {
                throw call.Fail("can't specify both count and end in with_sequence");
            }

            if (count is { } c)
            {
                (start, end, stride) = c != 0 ? (start, start + (c * stride) - 1, stride) : (0, 0, 0);
            }

            if (stride > 0 && end < start)
            {
                throw call.Fail("to count backwards make stride negative");
            }

            if (stride < 0 && end > start)
            {
                throw call.Fail("to count forward don't make stride negative");
            }

            if (format.Count(ch => ch == '%') != 1)
            {
                throw call.Fail($"bad formatting string: {format}");
            }

            if (stride == 0)
            {
                continue;
            }

            for (var i = start; stride > 0 ? i <= end!.Value : i >= end!.Value; i += stride)
            {
                if (result.Count >= MaxItems)
                {
                    throw call.Fail($"'{term}' gives more than {MaxItems} items");
                }

                result.Add(PrintfFormat.Format(format, i) ?? throw call.Fail($"problem formatting {i} with '{format}'"));
            }
        }

        return result;
    }

    private static (long Start, long? End, long? Count, long Stride, string Format) Parse(LookupCall call, string term)
    {
        var (start, end, count, stride, format) = (1L, (long?)null, (long?)null, 1L, "%d");
        if (Shortcut().Match(term) is { Success: true } m)
        {
            start = m.Groups["start"].Success ? Integer(call, "start", m.Groups["start"].Value) : start;
            end = Integer(call, "end", m.Groups["end"].Value);
            stride = m.Groups["stride"].Success ? Integer(call, "stride", m.Groups["stride"].Value) : stride;
            format = m.Groups["format"].Success ? m.Groups["format"].Value : format;
            return (start, end, count, stride, format);
        }

        var parsed = Loading.KeyValueParser.Parse(term);
        if (parsed.FreeForm.Count > 0)
        {
            throw call.Fail($"unrecognized arguments to with_sequence: '{parsed.FreeFormText}'");
        }

        foreach (var (key, value) in parsed.Options)
        {
            switch (key)
            {
                case "start": start = Integer(call, key, value); break;
                case "end": end = Integer(call, key, value); break;
                case "count": count = Integer(call, key, value); break;
                case "stride": stride = Integer(call, key, value); break;
                case "format": format = value; break;
                default: throw call.Fail($"unrecognized arguments to with_sequence: ['{key}']");
            }
        }

        return (start, end, count, stride, format);
    }

    /// <summary>Python's int(text, 0): decimal (no leading zero), 0x hex, 0o octal, 0b binary.</summary>
    private static long Integer(LookupCall call, string key, string text)
    {
        var t = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = t.StartsWith('-');
        var digits = negative || t.StartsWith('+') ? t[1..] : t;
        try
        {
            var value = digits.Length > 2 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) is 'x' ? Convert.ToInt64(digits[2..], 16)
                : digits.Length > 2 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) is 'o' ? Convert.ToInt64(digits[2..], 8)
                : digits.Length > 2 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) is 'b' ? Convert.ToInt64(digits[2..], 2)
                : digits.Length > 1 && digits[0] == '0' && digits.Any(ch => ch != '0') ? throw new FormatException()
                : long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            return negative ? -value : value;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw call.Fail($"can't parse {key}={text} as integer");
        }
    }

    [GeneratedRegex("^(?:(?<start>0?x?[0-9a-f]+)-)?(?<end>0?x?[0-9a-f]+)(?:/(?<stride>0?x?[0-9a-f]+))?(?::(?<format>.+))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Shortcut();
}
