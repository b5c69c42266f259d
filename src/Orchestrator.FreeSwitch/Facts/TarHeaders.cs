using System.Globalization;
using System.Text;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// Walks a tar's 512-byte headers and checks that each entry's size (the header's, or a pax <c>size</c> record's) fits in
/// what follows: a hostile header cannot make a reader allocate or skip past the data it really has.
/// </summary>
internal static class TarHeaders
{
    private const int Block = 512;

    /// <exception cref="FormatException">A header is malformed or declares more data than follows it.</exception>
    public static void CheckSizes(ReadOnlySpan<byte> tar)
    {
        long? paxSize = null;
        var at = 0L;
        while (at + Block <= tar.Length)
        {
            var header = tar.Slice((int)at, Block);
            if (!header.ContainsAnyExcept((byte)0))
            {
                return;
            }

            var type = (char)header[156];
            var size = type is 'x' or 'g' ? Size(header) : paxSize ?? Size(header);
            var remaining = tar.Length - at - Block;
            if (size < 0 || size > remaining)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"a tar header at byte {at} declares {size} bytes, but {remaining} follow"));
            }

            paxSize = type == 'x' ? PaxSize(tar.Slice((int)(at + Block), (int)size)) : null;
            at += Block + ((size + Block - 1) / Block * Block);
        }
    }

    /// <summary>The size field: octal text, or base-256 when its first byte has the high bit set (negative: malformed).</summary>
    private static long Size(ReadOnlySpan<byte> header)
    {
        var field = header.Slice(124, 12);
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7F;
            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 8))
                {
                    return -1;
                }

                value = (value << 8) | b;
            }

            return value;
        }

        var text = Encoding.ASCII.GetString(field).Trim('\0', ' ');
        try
        {
            return text.Length == 0 ? 0 : Convert.ToInt64(text, 8);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            return -1;
        }
    }

    /// <summary>The <c>size</c> record of a pax extended header ("NN size=VALUE\n"), which overrides the next header's.</summary>
    private static long? PaxSize(ReadOnlySpan<byte> records)
    {
        foreach (var record in Encoding.UTF8.GetString(records).Split('\n'))
        {
            var space = record.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && record.AsSpan(space + 1).StartsWith("size=", StringComparison.Ordinal))
            {
                return long.TryParse(record.AsSpan(space + 1 + "size=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : -1;
            }
        }

        return null;
    }
}
