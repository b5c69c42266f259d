using System.Net;

namespace Orchestrator.Lab.Hep;

/// <summary>One decoded HEPv3 datagram (the generic chunks of the HEP spec; unknown chunks are skipped).</summary>
public sealed record HepPacket
{
    /// <summary>2 = IPv4, 10 = IPv6 (chunk 0x01).</summary>
    public int? IpFamily { get; init; }

    /// <summary>17 = UDP (chunk 0x02).</summary>
    public int? IpProtocol { get; init; }

    public IPAddress? SourceAddress { get; init; }

    public IPAddress? DestinationAddress { get; init; }

    public int? SourcePort { get; init; }

    public int? DestinationPort { get; init; }

    public uint? TimestampSeconds { get; init; }

    public uint? TimestampMicroseconds { get; init; }

    /// <summary>1 = SIP (chunk 0x0b).</summary>
    public int? ProtocolType { get; init; }

    /// <summary>Capture agent id (chunk 0x0c); sofia-sip sends capture_id, default 200.</summary>
    public uint? CaptureId { get; init; }

    public string? AuthKey { get; init; }

    public string? CorrelationId { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The chunk types in the order they came, for checking an encoder's layout.</summary>
    public IReadOnlyList<int> ChunkTypes { get; init; } = [];
}
