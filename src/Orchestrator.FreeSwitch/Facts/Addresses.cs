using System.Net;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>Address comparisons the placement rules need: IPv4-mapped IPv6 is the IPv4 address, and wildcards.</summary>
internal static class Addresses
{
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static bool IsWildcard(IPAddress address)
    {
        var a = Normalize(address);
        return a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any);
    }

    public static bool SameAddress(IPAddress a, IPAddress b) => Normalize(a).Equals(Normalize(b));

    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.StartsWith('[') && t.EndsWith(']'))
        {
            t = t[1..^1];
        }

        var percent = t.IndexOf('%', StringComparison.Ordinal);
        if (percent > 0)
        {
            t = t[..percent];
        }

        if (t == "*")
        {
            address = IPAddress.Any;
            return true;
        }

        if (IPAddress.TryParse(t, out var parsed))
        {
            address = Normalize(parsed);
            return true;
        }

        return false;
    }
}
