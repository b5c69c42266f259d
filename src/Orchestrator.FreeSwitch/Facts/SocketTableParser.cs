using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// Reads the UDP socket table of given processes from <c>ss -uanp</c>, or, where ss is missing, from
/// <c>/proc/net/udp</c> + <c>/proc/net/udp6</c> joined with the processes' <c>/proc/PID/fd</c> socket inodes.
/// </summary>
internal static partial class SocketTableParser
{
    /// <summary>
    /// Parses <c>ss -uanp</c> output (with or without the header line) and keeps the sockets owned by one of
    /// <paramref name="pids"/> (or by a process named freeswitch when no pid is known).
    /// </summary>
    public static List<UdpSocket> ParseSs(string output, IReadOnlySet<int> pids)
    {
        var result = new List<UdpSocket>();
        foreach (var raw in output.Split('\n'))
        {
            var f = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            // State Recv-Q Send-Q Local:Port Peer:Port users:((...))
            if (f.Length < 6 || f[0] is "State" or "Netid" || !int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            var users = string.Join(' ', f.Skip(5));
            foreach (Match owner in OwnerRegex().Matches(users))
            {
                var name = owner.Groups["name"].Value;
                var pid = int.Parse(owner.Groups["pid"].Value, CultureInfo.InvariantCulture);
                if (pids.Count > 0 ? !pids.Contains(pid) : name != "freeswitch")
                {
                    continue;
                }

                if (TryEndpoint(f[3], out var local, out var localPort) && localPort is { } lp)
                {
                    TryEndpoint(f[4], out var peer, out var peerPort);
                    var connected = peerPort is not null && !Addresses.IsWildcard(peer);
                    result.Add(new UdpSocket(f[0], local, lp, connected ? peer : null, connected ? peerPort : null, pid));
                }

                break;
            }
        }

        return result;
    }

    /// <summary>
    /// Parses <c>/proc/net/udp</c> and <c>/proc/net/udp6</c> lines (any order, headers skipped) and keeps the
    /// sockets whose inode one of the processes holds (<paramref name="inodes"/>: inode → pid).
    /// </summary>
    public static List<UdpSocket> ParseProcNet(string text, IReadOnlyDictionary<long, int> inodes)
    {
        var result = new List<UdpSocket>();
        foreach (var raw in text.Split('\n'))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            var f = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || !f[0].EndsWith(':') || !long.TryParse(f[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                continue;
            }

            if (!inodes.TryGetValue(inode, out var pid) || !TryHexEndpoint(f[1], out var local, out var localPort) || !TryHexEndpoint(f[2], out var peer, out var peerPort))
            {
                continue;
            }

            // st 01 = TCP_ESTABLISHED (connected), 07 = TCP_CLOSE (unconnected); ss prints ESTAB / UNCONN.
            var connected = f[3] == "01" && peerPort != 0;
            result.Add(new UdpSocket(connected ? "ESTAB" : "UNCONN", local, localPort, connected ? peer : null, connected ? peerPort : null, pid));
        }

        return result;
    }

    /// <summary>Lines "PID INODE" (from <c>ls -l /proc/PID/fd</c>) to an inode → pid map.</summary>
    public static Dictionary<long, int> ParseInodes(string text)
    {
        var map = new Dictionary<long, int>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                map[inode] = pid;
            }
        }

        return map;
    }

    /// <summary>ss endpoints: <c>10.0.0.5:5060</c>, <c>[::ffff:10.0.0.5]:5060</c>, <c>*:5060</c>, <c>0.0.0.0%lo:5060</c>, <c>*:*</c>.</summary>
    internal static bool TryEndpoint(string text, out IPAddress address, out int? port)
    {
        address = IPAddress.Any;
        port = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!Addresses.TryParse(host, out address))
        {
            return false;
        }

        if (portText == "*")
        {
            return true;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
        {
            return false;
        }

        port = p;
        return true;
    }

    /// <summary>/proc/net/udp[6] endpoints: 8 or 32 hex digits (the address in host byte order, 32 bits at a time), ':', 4 hex digits.</summary>
    internal static bool TryHexEndpoint(string text, out IPAddress address, out int port)
    {
        address = IPAddress.Any;
        port = 0;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        var hex = text[..colon];
        if (hex.Length is not (8 or 32))
        {
            return false;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            // The kernel prints each 32-bit word as a native (little-endian here) integer.
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
            if (!BitConverter.IsLittleEndian)
            {
                bytes.AsSpan(word * 4, 4).Reverse();
            }
        }

        address = Addresses.Normalize(new IPAddress(bytes));
        return true;
    }

    [GeneratedRegex("\\(\"(?<name>[^\"]*)\",pid=(?<pid>[0-9]+)")]
    private static partial Regex OwnerRegex();
}
