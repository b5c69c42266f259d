using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Inventory.Parsing;

/// <summary>
/// Ansible's <c>parse_address</c> (parsing/utils/addresses.py): splits an optional port from a host name,
/// IPv4 or IPv6 address, with or without <c>[x:y]</c> ranges.
/// </summary>
internal static partial class HostAddress
{
    private const string NumericRange = @"\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]";
    private const string HexRange = @"\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]";
    private const string AlphaRange = @"\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]";
    private const string Ipv6Part = "(?:[0-9a-f]{1,4}|" + HexRange + ")";
    private const string Ipv4Part = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NumericRange + ")";
    private const string Label = @"(?:[\w]|" + AlphaRange + @")(?:[\w_-]|" + AlphaRange + @")*(?<![_-])";

    [GeneratedRegex(@"^\[(.+)\]:([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedHostPort();

    [GeneratedRegex(@"^((?:[^:\[\]]|\[[^\]]*\])*):([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPort();

    [GeneratedRegex("^(?:" + Ipv4Part + @"\.){3}" + Ipv4Part + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Ipv4();

    // Ansible's pattern puts ^ and $ around a bare alternation, so only the last branch is anchored at the
    // end and the others match a prefix (re.match); kept as is so the same strings count as IPv6.
    [GeneratedRegex(
        "^(?:(?:" + Ipv6Part + ":){7}" + Ipv6Part +
        "|(?:" + Ipv6Part + ":){1,6}:" +
        "|(?:" + Ipv6Part + ":)(?::" + Ipv6Part + "){1,6}" +
        "|(?:" + Ipv6Part + ":){2}(?::" + Ipv6Part + "){1,5}" +
        "|(?:" + Ipv6Part + ":){3}(?::" + Ipv6Part + "){1,4}" +
        "|(?:" + Ipv6Part + ":){4}(?::" + Ipv6Part + "){1,3}" +
        "|(?:" + Ipv6Part + ":){5}(?::" + Ipv6Part + "){1,2}" +
        "|(?:" + Ipv6Part + ":){6}(?::" + Ipv6Part + ")" +
        "|:(?::" + Ipv6Part + "){1,6}" +
        "|" + Ipv6Part + "?::" +
        "|(?:0:){6}(?:" + Ipv6Part + @"\.){3}" + Ipv6Part +
        "|::(?:ffff:)?(?:" + Ipv6Part + @"\.){3}" + Ipv6Part +
        "|(?:0:){5}ffff:(?:" + Ipv6Part + @"\.){3}" + Ipv6Part + "$" +
        ")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Ipv6();

    [GeneratedRegex("^" + Label + @"(?:\." + Label + ")*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostName();

    /// <summary>
    /// True when <paramref name="address"/> is a host identifier with an optional <c>:port</c>. Like Ansible,
    /// both port forms are tried in turn (the bracketed form first), and ranges are allowed when asked.
    /// </summary>
    public static bool TryParse(string address, bool allowRanges, out string host, out int? port)
    {
        host = address;
        port = null;
        var rest = address;
        foreach (var regex in (ReadOnlySpan<Regex>)[BracketedHostPort(), HostPort()])
        {
            var m = regex.Match(rest);
            if (m.Success)
            {
                rest = m.Groups[1].Value;
                // Python's int() has no limit; a port this large only ever comes from a typo.
                port = int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : int.MaxValue;
            }
        }

        if (rest.Length == 0 || !(Ipv4().IsMatch(rest) || Ipv6().IsMatch(rest) || HostName().IsMatch(rest)))
        {
            port = null;
            return false;
        }

        if (!allowRanges && rest.Contains('[', StringComparison.Ordinal))
        {
            port = null;
            return false;
        }

        host = rest;
        return true;
    }
}
