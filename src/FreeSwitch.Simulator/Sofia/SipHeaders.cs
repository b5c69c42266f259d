using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>The header values a profile reads from requests and writes into responses: Via stamping, tags, URIs.</summary>
internal static class SipHeaders
{
    /// <summary>RFC 3581: fill rport and add received when the source differs from sent-by.</summary>
    public static string StampVia(string via, IPEndPoint remote)
    {
        var port = remote.Port.ToString(CultureInfo.InvariantCulture);
        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4().ToString() : remote.Address.ToString();
        var result = via;
        var rport = result.IndexOf(";rport", StringComparison.OrdinalIgnoreCase);
        if (rport >= 0 && (rport + 6 == result.Length || result[rport + 6] is ';' or ' '))
        {
            result = result.Insert(rport + 6, "=" + port);
        }

        return result.Contains(";received=", StringComparison.OrdinalIgnoreCase) ? result : result + ";received=" + address;
    }

    /// <summary>host:port as a Via or Contact writes it, IPv6 in brackets.</summary>
    public static string HostPort(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";

    /// <summary>A fresh To tag or branch suffix: 12 random hex digits.</summary>
    public static string NewTag() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6));

    public static string WithTag(string header, string tag) => header + ";tag=" + tag;

    /// <summary>The URI of a name-addr header (inside its angle brackets, or up to its parameters).</summary>
    public static string? ContactUri(string? contact)
    {
        if (contact is null)
        {
            return null;
        }

        var lt = contact.IndexOf('<');
        var gt = contact.IndexOf('>');
        return lt >= 0 && gt > lt ? contact[(lt + 1)..gt] : contact.Split(';')[0].Trim();
    }

    /// <summary>user@host of a From header, as the channel name shows it.</summary>
    public static string UserAtHost(string? from)
    {
        var uri = ContactUri(from) ?? "unknown";
        var colon = uri.IndexOf(':');
        return colon >= 0 ? uri[(colon + 1)..].Split(';')[0] : uri;
    }
}
