using System.Buffers.Binary;
using System.Net;
using System.Text;
using Orchestrator.Lab.Hep;

namespace Orchestrator.Lab.Hep.Tests;

public sealed class HepDecoderTests
{
    private const string Invite = "INVITE sip:service@10.0.0.5:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5061\r\nCSeq: 1 INVITE\r\n\r\n";

    /// <summary>A datagram laid out as sofia-sip's tport_capt_msg_hepv3 sends it (freeswitch-facts §10).</summary>
    internal static byte[] SofiaStyle(string sip, uint captureId = 200, params (int Type, byte[] Body)[] extra)
    {
        var chunks = new List<(int, byte[])>
        {
            (0x01, [2]),
            (0x02, [17]),
            (0x07, U16(5061)),
            (0x08, U16(5060)),
            (0x09, U32(1_790_000_000)),
            (0x0a, U32(123456)),
            (0x0b, [1]),
            (0x0c, U32(captureId)),
            (0x03, IPAddress.Parse("10.0.0.1").GetAddressBytes()),
            (0x04, IPAddress.Parse("10.0.0.5").GetAddressBytes()),
        };
        chunks.AddRange(extra);
        chunks.Add((0x0f, Encoding.ASCII.GetBytes(sip)));
        var body = chunks.SelectMany(c => U16(0).Concat(U16(c.Item1)).Concat(U16(c.Item2.Length + 6)).Concat(c.Item2)).ToArray();
        return [.. "HEP3"u8.ToArray(), .. U16(body.Length + 6), .. body];
    }

    private static byte[] U16(int v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        return b;
    }

    private static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        return b;
    }

    [Fact]
    public void TryDecode_SofiaSipLayout_ReadsEveryGenericChunk()
    {
        Assert.True(HepDecoder.TryDecode(SofiaStyle(Invite), out var p, out var error), error);
        Assert.Equal(2, p.IpFamily);
        Assert.Equal(17, p.IpProtocol);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), p.SourceAddress);
        Assert.Equal(IPAddress.Parse("10.0.0.5"), p.DestinationAddress);
        Assert.Equal(5061, p.SourcePort);
        Assert.Equal(5060, p.DestinationPort);
        Assert.Equal(1_790_000_000u, p.TimestampSeconds);
        Assert.Equal(123456u, p.TimestampMicroseconds);
        Assert.Equal(1, p.ProtocolType);
        Assert.Equal(200u, p.CaptureId);
        Assert.Equal([0x01, 0x02, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x03, 0x04, 0x0f], p.ChunkTypes);
        Assert.Equal(Invite, Encoding.ASCII.GetString(p.Payload.Span));
    }

    [Fact]
    public void TryDecode_UnknownChunk_IsSkippedByItsLength()
    {
        var datagram = SofiaStyle(Invite, 7, (0x42, [1, 2, 3, 4, 5]));
        Assert.True(HepDecoder.TryDecode(datagram, out var p, out var error), error);
        Assert.Equal(7u, p.CaptureId);
        Assert.Equal(Invite, Encoding.ASCII.GetString(p.Payload.Span));
    }

    [Fact]
    public void TryDecode_LengthFieldDisagreesWithDatagram_Fails()
    {
        var datagram = SofiaStyle(Invite);
        Assert.False(HepDecoder.TryDecode(datagram.AsSpan(0, datagram.Length - 3), out _, out var error));
        Assert.Contains("length field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_ChunkRunsPastTheEnd_Fails()
    {
        var datagram = SofiaStyle(Invite);
        // The last chunk (payload) claims two bytes more than there are.
        var payloadLengthAt = datagram.Length - Encoding.ASCII.GetByteCount(Invite) - 2;
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(payloadLengthAt), (ushort)(Encoding.ASCII.GetByteCount(Invite) + 8));
        Assert.False(HepDecoder.TryDecode(datagram, out _, out var error));
        Assert.Contains("bad length", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_NotHep_Fails()
    {
        Assert.False(HepDecoder.TryDecode(Encoding.ASCII.GetBytes(Invite), out _, out var error));
        Assert.Contains("no HEP3 magic", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n", "INVITE")]
    [InlineData("SIP/2.0 488 Not Acceptable Here\r\nCSeq: 1 INVITE\r\n\r\n", "488 INVITE")]
    [InlineData("SIP/2.0 200 OK\r\ncseq: 2 BYE\r\n\r\n", "200 BYE")]
    [InlineData("hello world", null)]
    public void SipSummary_Message_MethodOrStatusAndMethod(string sip, string? expected) =>
        Assert.Equal(expected, HepDecoder.SipSummary(Encoding.ASCII.GetBytes(sip)));

    [Fact]
    public void Count_TwoSources_KeepsPacketsAndLastMethodPerSourcePort()
    {
        var path = Path.GetTempFileName();
        try
        {
            var listener = new HepListener(new IPEndPoint(IPAddress.Loopback, 0), null, path, TimeProvider.System);
            var a = new IPEndPoint(IPAddress.Parse("10.0.0.5"), 20020);
            var b = new IPEndPoint(IPAddress.Parse("10.0.0.5"), 20021);
            listener.Count(a, SofiaStyle(Invite));
            listener.Count(a, SofiaStyle("SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n"));
            listener.Count(b, SofiaStyle("OPTIONS sip:x SIP/2.0\r\nCSeq: 5 OPTIONS\r\n\r\n"));
            listener.Count(b, "garbage"u8);
            var counters = listener.Snapshot();
            Assert.Equal(4, counters.Datagrams);
            Assert.Equal(1, counters.Undecodable);
            var first = counters.Sources.Single(s => s.Port == 20020);
            Assert.Equal(2, first.Packets);
            Assert.Equal("200 INVITE", first.LastSip);
            Assert.Equal("OPTIONS", counters.Sources.Single(s => s.Port == 20021).LastSip);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
