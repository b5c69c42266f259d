using System.Globalization;
using System.Net;

namespace Orchestrator.Lab.Capture;

/// <summary>A connected UDP socket of the simulated FreeSWITCH towards the capture server, as <c>ss -uanp</c> shows it.</summary>
public sealed record CaptureSocket(IPEndPoint Local, IPEndPoint Peer, int Pid)
{
    /// <summary>Would an RTP allocation of this port on the same IP fail? (§12: even port inside [start, end].)</summary>
    public bool CollidesWith(int rtpStart, int rtpEnd) => Local.Port % 2 == 0 && Local.Port >= rtpStart && Local.Port <= rtpEnd;

    /// <summary>
    /// The sockets in <c>ss -H -u -a -n -p</c> output that are ESTAB, owned by a process named freeswitch and
    /// connected to <paramref name="captureServer"/>.
    /// </summary>
    public static IReadOnlyList<CaptureSocket> Parse(string ssOutput, IPEndPoint captureServer)
    {
        var result = new List<CaptureSocket>();
        foreach (var line in ssOutput.Split('\n'))
        {
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6 || f[0] != "ESTAB" || !f[5].Contains("((\"freeswitch\",", StringComparison.Ordinal))
            {
                continue;
            }

            if (!TryEndpoint(f[3], out var local) || !TryEndpoint(f[4], out var peer) || !Same(peer, captureServer))
            {
                continue;
            }

            var pidAt = f[5].IndexOf("pid=", StringComparison.Ordinal);
            var pid = 0;
            if (pidAt >= 0)
            {
                var digits = new string(f[5][(pidAt + 4)..].TakeWhile(char.IsAsciiDigit).ToArray());
                pid = int.Parse(digits, CultureInfo.InvariantCulture);
            }

            result.Add(new CaptureSocket(local, peer, pid));
        }

        return result;
    }

    private static bool Same(IPEndPoint a, IPEndPoint b) =>
        a.Port == b.Port && (a.Address.Equals(b.Address) || (a.Address.IsIPv4MappedToIPv6 && a.Address.MapToIPv4().Equals(b.Address)));

    private static bool TryEndpoint(string text, out IPEndPoint endpoint)
    {
        // ss prints IPv4 as a.b.c.d:port, IPv6 as [addr]:port, and may add %interface to a local address.
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            var colon = text.LastIndexOf(':');
            text = text[..percent] + (text.Contains('[', StringComparison.Ordinal) ? "]" : "") + text[colon..];
        }

        return IPEndPoint.TryParse(text, out endpoint!);
    }
}
