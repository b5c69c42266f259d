using System.Globalization;
using System.Numerics;
using Orchestrator.Core.Input;

namespace Orchestrator.Inventory.Parsing;

/// <summary>
/// Ansible's <c>expand_hostname_range</c>: <c>db[01:10:2]</c>, <c>web-[a:f]</c>, several ranges in one name.
/// Inclusive ends, leading zeros keep the width. Unlike Ansible, an empty range (<c>[3:1]</c>) or a
/// non-positive step is an error here, not a silent "no hosts".
/// </summary>
internal static class HostRange
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static bool HasRange(string pattern) => pattern.Contains('[', StringComparison.Ordinal);

    public static List<string> Expand(string pattern)
    {
        var result = new List<string>();
        Expand(pattern, 0, result, 1);
        return result;
    }

    // hostsBefore: how many names the ranges left of this one make; the product is checked before any list is built.
    private static void Expand(string line, int baseOffset, List<string> result, BigInteger hostsBefore)
    {
        var open = line.IndexOf('[', StringComparison.Ordinal);
        var close = line.IndexOf(']', StringComparison.Ordinal);
        if (close < 0 || close < open)
        {
            throw new HostRangeException(
                $"found '{line}' with an unclosed '['; expected a host range such as [01:10], [01:10:2] or [a:f]", baseOffset + open);
        }

        var head = line[..open];
        var range = line[(open + 1)..close];
        var tail = line[(close + 1)..];
        var at = baseOffset + open;
        var bounds = range.Split(':');
        if (bounds.Length is not (2 or 3))
        {
            throw new HostRangeException(
                $"found host range '[{range}]'; expected [begin:end] or [begin:end:step]", at);
        }

        var beg = bounds[0].Length == 0 ? "0" : bounds[0];
        var end = bounds[1];
        var stepText = bounds.Length == 3 ? bounds[2] : "1";
        if (end.Length == 0)
        {
            throw new HostRangeException($"found host range '[{range}]' without an end; expected [begin:end]", at);
        }

        Func<BigInteger, string> fill = v => v.ToString(CultureInfo.InvariantCulture);
        if (beg[0] == '0' && beg.Length > 1)
        {
            var width = beg.Length;
            if (width != end.Length)
            {
                throw new HostRangeException(
                    $"found host range '[{range}]' whose begin and end have different widths; expected equal-length begin and end, such as [01:20]", at);
            }

            fill = v => v.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        }

        var items = new List<string>();
        var alphaBeg = Letters.IndexOf(beg, StringComparison.Ordinal);
        var alphaEnd = Letters.IndexOf(end, StringComparison.Ordinal);
        if (alphaBeg >= 0 && alphaEnd >= 0 && TryInt(stepText, out var alphaStep) && alphaStep != 0)
        {
            if (alphaBeg > alphaEnd)
            {
                throw new HostRangeException($"found host range '[{range}]' whose begin comes after its end; expected begin <= end", at);
            }

            if (alphaStep < 0)
            {
                throw new HostRangeException($"found host range '[{range}]' with step {alphaStep}; expected a positive step", at);
            }

            CheckCount(range, hostsBefore * (((alphaEnd - alphaBeg) / alphaStep) + 1), at);
            for (var i = alphaBeg; i <= alphaEnd; i += (int)alphaStep)
            {
                items.Add(Letters[i].ToString());
            }
        }
        else
        {
            if (!TryInt(beg, out var from) || !TryInt(end, out var to))
            {
                throw new HostRangeException(
                    $"found host range '[{range}]'; expected numbers ([01:10]) or single letters ([a:f]) on both sides", at);
            }

            if (!TryInt(stepText, out var step) || step <= 0)
            {
                throw new HostRangeException($"found host range '[{range}]' with step '{stepText}'; expected a positive whole number", at);
            }

            if (from > to)
            {
                throw new HostRangeException($"found host range '[{range}]' whose begin is after its end; expected begin <= end", at);
            }

            CheckCount(range, hostsBefore * (((to - from) / step) + 1), at);
            for (var v = from; v <= to; v += step)
            {
                items.Add(fill(v));
            }
        }

        foreach (var item in items)
        {
            var name = string.Concat(head, item, tail);
            if (HasRange(name))
            {
                Expand(name, baseOffset + close + 1 - head.Length - item.Length, result, hostsBefore * items.Count);
            }
            else
            {
                result.Add(name);
            }
        }
    }

    private static void CheckCount(string range, BigInteger hosts, int at)
    {
        if (hosts > ReaderLimits.MaxHosts)
        {
            throw new HostRangeException(
                $"found host range '[{range}]', which makes {hosts:N0} hosts; expected at most {ReaderLimits.MaxHosts:N0} hosts from one host pattern (the readers' host limit)",
                at);
        }
    }

    // Python's int(text): optional sign, digits with single underscores between them, surrounding whitespace.
    private static bool TryInt(string text, out BigInteger value)
    {
        var t = text.Trim();
        value = default;
        if (t.Length == 0 || t.StartsWith('_') || t.EndsWith('_') || t.Contains("__", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = t.Replace("_", "", StringComparison.Ordinal);
        var body = digits.TrimStart('+', '-');
        if (body.Length == 0 || digits.Length - body.Length > 1 || !body.All(char.IsAsciiDigit))
        {
            return false;
        }

        return BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
