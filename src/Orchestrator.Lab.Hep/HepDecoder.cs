using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Orchestrator.Lab.Hep;

/// <summary>
/// Decodes HEPv3 (sipcapture's HEP spec): "HEP3", a u16 total length, then chunks of u16 vendor, u16 type,
/// u16 length (header included) and the payload, all in network order. Unknown chunks and vendor chunks
/// are skipped by their length.
/// </summary>
public static class HepDecoder
{
    public static bool TryDecode(ReadOnlySpan<byte> datagram, out HepPacket packet, out string error)
    {
        packet = new HepPacket();
        if (datagram.Length < 6 || !datagram[..4].SequenceEqual("HEP3"u8))
        {
            error = datagram.Length >= 4 && datagram[..4].SequenceEqual("HEP2"u8) ? "HEPv2 is not HEPv3" : "not a HEPv3 packet (no HEP3 magic)";
            return false;
        }

        var total = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        if (total != datagram.Length)
        {
            error = $"HEP3 length field says {total} bytes, datagram has {datagram.Length}";
            return false;
        }

        var types = new List<int>();
        var p = packet;
        var offset = 6;
        while (offset < total)
        {
            if (total - offset < 6)
            {
                error = $"truncated chunk header at offset {offset}";
                return false;
            }

            var vendor = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            var type = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 4)..]);
            if (length < 6 || offset + length > total)
            {
                error = $"chunk type 0x{type:x2} at offset {offset} has a bad length {length}";
                return false;
            }

            var body = datagram.Slice(offset + 6, length - 6);
            offset += length;
            types.Add(type);
            if (vendor != 0)
            {
                continue;
            }

            switch (type)
            {
                case 0x01 when body.Length == 1:
                    p = p with { IpFamily = body[0] };
                    break;
                case 0x02 when body.Length == 1:
                    p = p with { IpProtocol = body[0] };
                    break;
                case 0x03 when body.Length == 4:
                    p = p with { SourceAddress = new IPAddress(body) };
                    break;
                case 0x04 when body.Length == 4:
                    p = p with { DestinationAddress = new IPAddress(body) };
                    break;
                case 0x05 when body.Length == 16:
                    p = p with { SourceAddress = new IPAddress(body) };
                    break;
                case 0x06 when body.Length == 16:
                    p = p with { DestinationAddress = new IPAddress(body) };
                    break;
                case 0x07 when body.Length == 2:
                    p = p with { SourcePort = BinaryPrimitives.ReadUInt16BigEndian(body) };
                    break;
                case 0x08 when body.Length == 2:
                    p = p with { DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(body) };
                    break;
                case 0x09 when body.Length == 4:
                    p = p with { TimestampSeconds = BinaryPrimitives.ReadUInt32BigEndian(body) };
                    break;
                case 0x0a when body.Length == 4:
                    p = p with { TimestampMicroseconds = BinaryPrimitives.ReadUInt32BigEndian(body) };
                    break;
                case 0x0b when body.Length == 1:
                    p = p with { ProtocolType = body[0] };
                    break;
                case 0x0c when body.Length == 4:
                    p = p with { CaptureId = BinaryPrimitives.ReadUInt32BigEndian(body) };
                    break;
                case 0x0e:
                    p = p with { AuthKey = Encoding.UTF8.GetString(body) };
                    break;
                case 0x0f:
                    p = p with { Payload = body.ToArray() };
                    break;
                case 0x11:
                    p = p with { CorrelationId = Encoding.UTF8.GetString(body) };
                    break;
                case <= 0x11:
                    error = $"chunk type 0x{type:x2} has an unexpected length {body.Length}";
                    return false;
                default:
                    break;
            }
        }

        packet = p with { ChunkTypes = types };
        error = "";
        return true;
    }

    /// <summary>
    /// What a SIP message is: the method of a request ("INVITE"), or the status and CSeq method of a response
    /// ("200 INVITE"). Null when the payload is not SIP.
    /// </summary>
    public static string? SipSummary(ReadOnlySpan<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, 2048)]);
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = (firstLineEnd < 0 ? text : text[..firstLineEnd]).TrimEnd('\r');
        var parts = firstLine.Split(' ', 3);
        if (parts.Length < 2)
        {
            return null;
        }

        if (parts[0].StartsWith("SIP/2.0", StringComparison.Ordinal))
        {
            var cseq = text.Split('\n').Select(l => l.TrimEnd('\r'))
                .FirstOrDefault(l => l.StartsWith("CSeq:", StringComparison.OrdinalIgnoreCase));
            var method = cseq?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            return method is null ? parts[1] : $"{parts[1]} {method}";
        }

        return parts.Length == 3 && parts[2].StartsWith("SIP/2.0", StringComparison.Ordinal) ? parts[0] : null;
    }
}
