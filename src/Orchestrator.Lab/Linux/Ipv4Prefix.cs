using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Lab.Linux;

/// <summary>An IPv4 network such as 10.240.3.0/24.</summary>
internal readonly record struct Ipv4Prefix(uint Network, int Length)
{
    public uint Mask => Length == 0 ? 0u : uint.MaxValue << (32 - Length);

    public uint First => Network & Mask;

    public uint Last => First | ~Mask;

    public bool Overlaps(Ipv4Prefix other) => First <= other.Last && other.First <= Last;

    public IPAddress Address(uint hostPart) => ToAddress(First + hostPart);

    public static IPAddress ToAddress(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    public static uint ToUInt32(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not IPv4", nameof(address));
        }

        return BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
    }

    /// <summary>Parses "a.b.c.d/len", a bare address (a /32), or "default" (0.0.0.0/0), as `ip -j route` prints them.</summary>
    public static bool TryParse(string text, out Ipv4Prefix prefix)
    {
        prefix = default;
        if (text == "default")
        {
            prefix = new Ipv4Prefix(0, 0);
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        var length = 32;
        if (slash >= 0 && !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length))
        {
            return false;
        }

        if (length is < 0 or > 32 || !IPAddress.TryParse(addressText, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var p = new Ipv4Prefix(ToUInt32(address), length);
        prefix = p with { Network = p.First };
        return true;
    }

    public override string ToString() => $"{ToAddress(First)}/{Length}";
}
