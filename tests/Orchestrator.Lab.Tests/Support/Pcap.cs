using System.Buffers.Binary;
using System.Net;

namespace Orchestrator.Lab.Tests.Support;

/// <summary>Reads the IPv4 source and destination of each packet in a classic pcap file (Ethernet link type), as sngrep writes them.</summary>
internal static class Pcap
{
    public static List<(IPAddress Source, IPAddress Destination)> ReadIpv4(string path)
    {
        var data = File.ReadAllBytes(path);
        var result = new List<(IPAddress, IPAddress)>();
        if (data.Length < 24 || BinaryPrimitives.ReadUInt32LittleEndian(data) != 0xa1b2c3d4)
        {
            return result;
        }

        var linkType = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(20));
        var offset = 24;
        while (offset + 16 <= data.Length)
        {
            var included = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 8));
            var packet = data.AsSpan(offset + 16, Math.Min(included, data.Length - offset - 16));
            offset += 16 + included;
            var ip = linkType == 1 ? packet[14..] : packet;
            if (ip.Length >= 20 && ip[0] >> 4 == 4)
            {
                result.Add((new IPAddress(ip.Slice(12, 4)), new IPAddress(ip.Slice(16, 4))));
            }
        }

        return result;
    }
}
