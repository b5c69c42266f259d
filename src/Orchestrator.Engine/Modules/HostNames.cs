using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Orchestrator.Engine.Modules;

/// <summary>What a module accepts as a host to connect to: a DNS name (RFC 1123), an IPv4 or an IPv6 address.</summary>
public static partial class HostNames
{
    /// <summary>True for a DNS name, a dotted-quad IPv4 address, or a bare IPv6 address (optionally with a <c>%zone</c>).</summary>
    public static bool IsValid(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Ipv4().IsMatch(host))
        {
            return host.Split('.').All(o => int.Parse(o, System.Globalization.CultureInfo.InvariantCulture) <= 255 && (o.Length == 1 || o[0] != '0'));
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            // An IPv6 address, with an optional zone (fe80::1%eth0) that names an interface.
            // No brackets: bash's /dev/tcp takes the bare address.
            var zone = host.IndexOf('%', StringComparison.Ordinal);
            return Ipv6Characters().IsMatch(zone < 0 ? host : host[..zone])
                && (zone < 0 || InterfaceName().IsMatch(host[(zone + 1)..]))
                && IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var name = host.EndsWith('.') ? host[..^1] : host;
        return name.Length is > 0 and <= 253 && name.Split('.').All(label => Label().IsMatch(label)) && !AllDigits().IsMatch(name);
    }

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex Label();

    /// <summary>Digits and dots only, but not a dotted quad: not an address, and not a name either.</summary>
    [GeneratedRegex(@"^[0-9.]+$")]
    private static partial Regex AllDigits();

    [GeneratedRegex(@"^[0-9A-Fa-f:.]+$")]
    private static partial Regex Ipv6Characters();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex InterfaceName();
}
