using System.Globalization;
using System.Net;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// One UDP socket of the FreeSWITCH process, as <c>ss -uanp</c> (or <c>/proc/net/udp*</c>) shows it.
/// <see cref="PeerAddress"/> is null for an unconnected socket (<c>*:*</c>).
/// </summary>
public sealed record UdpSocket(string State, IPAddress LocalAddress, int LocalPort, IPAddress? PeerAddress, int? PeerPort, int Pid)
{
    /// <summary>Connected (ESTAB): the kernel bound it on connect(); capture sockets look like this (facts §2).</summary>
    public bool IsConnected => PeerAddress is not null && PeerPort is not null;

    public string Local => Format(LocalAddress, LocalPort);

    public string Peer => PeerAddress is null || PeerPort is null ? "*:*" : Format(PeerAddress, PeerPort.Value);

    public override string ToString() => $"{State} {Local} -> {Peer} (pid {Pid.ToString(CultureInfo.InvariantCulture)})";

    internal static string Format(IPAddress address, int port)
    {
        var a = Addresses.Normalize(address);
        var p = port.ToString(CultureInfo.InvariantCulture);
        return a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]:{p}" : $"{a}:{p}";
    }
}
