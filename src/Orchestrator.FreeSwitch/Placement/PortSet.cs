using System.Globalization;

namespace Orchestrator.FreeSwitch.Placement;

/// <summary>
/// A set of ports kept as sorted, merged ranges: the value of <c>net.ipv4.ip_local_reserved_ports</c>
/// ("20000-20100,30000") or any range arithmetic the placement check needs.
/// </summary>
public sealed class PortSet
{
    private readonly List<PortRange> _ranges;

    private PortSet(List<PortRange> ranges) => _ranges = ranges;

    public static PortSet Empty { get; } = new([]);

    public IReadOnlyList<PortRange> Ranges => _ranges;

    public bool IsEmpty => _ranges.Count == 0;

    public long Count => _ranges.Sum(r => (long)r.Count);

    public static PortSet Of(params PortRange[] ranges) => Normalize(ranges);

    public static PortSet Of(IEnumerable<PortRange> ranges) => Normalize(ranges);

    /// <summary>Parses the kernel's comma-separated list of ports and ranges; empty text is the empty set.</summary>
    /// <exception cref="FormatException">A part is not a port or a low-high range.</exception>
    public static PortSet Parse(string text)
    {
        var ranges = new List<PortRange>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && TryPort(part[..dash], out var low) && TryPort(part[(dash + 1)..], out var high) && low <= high)
            {
                ranges.Add(new PortRange(low, high));
            }
            else if (dash < 0 && TryPort(part, out var port))
            {
                ranges.Add(new PortRange(port, port));
            }
            else
            {
                throw new FormatException($"'{part}' is not a port or a port range (low-high)");
            }
        }

        return Normalize(ranges);
    }

    public static bool TryParse(string text, out PortSet set)
    {
        try
        {
            set = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            set = Empty;
            return false;
        }
    }

    public bool Contains(int port) => _ranges.Any(r => r.Contains(port));

    /// <summary>True when every port of <paramref name="range"/> is in the set.</summary>
    public bool Covers(PortRange range) => Except(Of(range), this).IsEmpty;

    public PortSet Union(PortSet other) => Normalize(_ranges.Concat(other._ranges));

    public PortSet Intersect(PortRange range) => Normalize(
        _ranges.Where(r => r.High >= range.Low && r.Low <= range.High)
            .Select(r => new PortRange(Math.Max(r.Low, range.Low), Math.Min(r.High, range.High))));

    /// <summary>The ports of <paramref name="from"/> that are not in <paramref name="remove"/>.</summary>
    public static PortSet Except(PortSet from, PortSet remove)
    {
        var result = new List<PortRange>();
        foreach (var r in from._ranges)
        {
            var low = r.Low;
            foreach (var cut in remove._ranges.Where(c => c.High >= r.Low && c.Low <= r.High))
            {
                if (cut.Low > low)
                {
                    result.Add(new PortRange(low, cut.Low - 1));
                }

                low = Math.Max(low, cut.High + 1);
            }

            if (low <= r.High)
            {
                result.Add(new PortRange(low, r.High));
            }
        }

        return Normalize(result);
    }

    /// <summary>The kernel's notation: "20000-20100,30000"; empty for the empty set.</summary>
    public override string ToString() => string.Join(",", _ranges);

    private static PortSet Normalize(IEnumerable<PortRange> ranges)
    {
        var merged = new List<PortRange>();
        foreach (var r in ranges.Where(r => r.Low <= r.High).OrderBy(r => r.Low))
        {
            if (merged.Count > 0 && r.Low <= merged[^1].High + 1)
            {
                merged[^1] = new PortRange(merged[^1].Low, Math.Max(merged[^1].High, r.High));
            }
            else
            {
                merged.Add(r);
            }
        }

        return new PortSet(merged);
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}
