using System.Globalization;
using System.Net;
using Orchestrator.Core.Secrets;

namespace Orchestrator.FreeSwitch.Esl;

/// <summary>Where fs_cli connects: the event socket's address as the host sees it, and the password (a secret).</summary>
public sealed record EslEndpoint(string Host, int Port, Secret Password)
{
    /// <summary>
    /// The address to connect to for a listen-ip: a wildcard (<c>::</c>, <c>0.0.0.0</c>, empty) is reached on
    /// 127.0.0.1, as fs_cli's own default does; anything else as written.
    /// </summary>
    public static string ConnectHost(string? listenIp)
    {
        if (string.IsNullOrWhiteSpace(listenIp))
        {
            return "127.0.0.1";
        }

        var ip = listenIp.Trim().Trim('[', ']');
        return IPAddress.TryParse(ip, out var a) && (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)) ? "127.0.0.1" : ip;
    }

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
