using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>
/// The HEP packets sofia-sip's <c>tport_capt_msg()</c> sends (libsofia-sip-ua/tport/tport_logging.c).
/// HEPv3: "HEP3", total length, then chunks 01 02 07 08 09 0a 0b 0c, the addresses (03/04 or 05/06) and the payload
/// (0f), all in network order; no auth key. HEPv1/v2 (hep=1|2): the old fixed header, with v2's time header in host order.
/// </summary>
internal static class HepEncoder
{
    /// <summary>One SIP message seen on a profile.</summary>
    /// <param name="Received">True for a message the profile received (source = the peer), false for one it sent.</param>
    public readonly record struct Message(bool Received, IPEndPoint Local, IPEndPoint Remote, ReadOnlyMemory<byte> Payload, DateTimeOffset Time);

    public static byte[] Encode(int hepVersion, uint captureId, in Message message) =>
        hepVersion == 3 ? EncodeV3(captureId, message) : EncodeV2(hepVersion, captureId, message);

    public static byte[] EncodeV3(uint captureId, in Message m)
    {
        var (src, dst) = m.Received ? (m.Remote, m.Local) : (m.Local, m.Remote);
        var v6 = src.AddressFamily == AddressFamily.InterNetworkV6;
        var addressLength = v6 ? 16 : 4;
        var total = 6 + 7 + 7 + 8 + 8 + 10 + 10 + 7 + 10 + (2 * (6 + addressLength)) + 6 + m.Payload.Length;
        var buffer = new byte[total];
        var span = buffer.AsSpan();
        "HEP3"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)total);
        var o = 6;
        o = Chunk(span, o, 0x01, [(byte)(v6 ? 10 : 2)]);
        o = Chunk(span, o, 0x02, [17]);
        o = Chunk16(span, o, 0x07, (ushort)src.Port);
        o = Chunk16(span, o, 0x08, (ushort)dst.Port);
        var unix = m.Time.ToUnixTimeMilliseconds();
        var micro = (uint)((m.Time.UtcTicks % TimeSpan.TicksPerSecond) / 10);
        o = Chunk32(span, o, 0x09, (uint)(unix / 1000));
        o = Chunk32(span, o, 0x0a, micro);
        o = Chunk(span, o, 0x0b, [1]);
        o = Chunk32(span, o, 0x0c, captureId);
        o = Chunk(span, o, v6 ? (ushort)0x05 : (ushort)0x03, src.Address.GetAddressBytes());
        o = Chunk(span, o, v6 ? (ushort)0x06 : (ushort)0x04, dst.Address.GetAddressBytes());
        o = Chunk(span, o, 0x0f, m.Payload.Span);
        return o == total ? buffer : throw new InvalidOperationException("HEP length mismatch");
    }

    private static byte[] EncodeV2(int version, uint captureId, in Message m)
    {
        var (src, dst) = m.Received ? (m.Remote, m.Local) : (m.Local, m.Remote);
        var v6 = src.AddressFamily == AddressFamily.InterNetworkV6;
        var ipLength = v6 ? 32 : 8;

        // struct hep_timehdr { u32 tv_sec; u32 tv_usec; u16 captid; } is not packed: 12 bytes on x86-64.
        var timeLength = version == 2 ? 12 : 0;
        var headerLength = 8 + ipLength + timeLength;
        var buffer = new byte[headerLength + m.Payload.Length];
        var span = buffer.AsSpan();
        span[0] = (byte)version;
        span[1] = (byte)headerLength;
        span[2] = (byte)(v6 ? 10 : 2);
        span[3] = 17;
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)src.Port);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)dst.Port);
        src.Address.GetAddressBytes().CopyTo(span[8..]);
        dst.Address.GetAddressBytes().CopyTo(span[(8 + (ipLength / 2))..]);
        if (version == 2)
        {
            var t = span[(8 + ipLength)..];
            BinaryPrimitives.WriteUInt32LittleEndian(t, (uint)(m.Time.ToUnixTimeMilliseconds() / 1000));
            BinaryPrimitives.WriteUInt32LittleEndian(t[4..], (uint)((m.Time.UtcTicks % TimeSpan.TicksPerSecond) / 10));
            BinaryPrimitives.WriteUInt16LittleEndian(t[8..], (ushort)captureId);
        }

        m.Payload.Span.CopyTo(span[headerLength..]);
        return buffer;
    }

    private static int Chunk(Span<byte> span, int offset, ushort type, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 2)..], type);
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 4)..], (ushort)(6 + data.Length));
        data.CopyTo(span[(offset + 6)..]);
        return offset + 6 + data.Length;
    }

    private static int Chunk16(Span<byte> span, int offset, ushort type, ushort value)
    {
        Span<byte> data = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(data, value);
        return Chunk(span, offset, type, data);
    }

    private static int Chunk32(Span<byte> span, int offset, ushort type, uint value)
    {
        Span<byte> data = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(data, value);
        return Chunk(span, offset, type, data);
    }
}
