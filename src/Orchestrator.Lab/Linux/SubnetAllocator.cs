using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Lab.Linux;

/// <summary>
/// Picks a /24 for a lab from 10.240.0.0/12, starting at a slot derived from the lab name and moving on
/// while the candidate overlaps an address or route that already exists on the machine (another lab's
/// bridge, a VPN, a container network). The default route does not count: it overlaps everything.
/// </summary>
internal static class SubnetAllocator
{
    public const int PoolSize = 4096;

    public static Ipv4Prefix Candidate(int slot) =>
        new((10u << 24) | ((240u + (uint)(slot / 256)) << 16) | ((uint)(slot % 256) << 8), 24);

    public static int StartSlot(string labName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(labName));
        return (int)(BitConverter.ToUInt32(hash, 0) % PoolSize);
    }

    /// <summary>The first candidate, from the name's slot on, that overlaps none of <paramref name="inUse"/>.</summary>
    public static Ipv4Prefix Choose(string labName, IEnumerable<Ipv4Prefix> inUse)
    {
        var taken = inUse.Where(p => p.Length > 0).ToList();
        var start = StartSlot(labName);
        for (var i = 0; i < PoolSize; i++)
        {
            var candidate = Candidate((start + i) % PoolSize);
            if (!taken.Any(candidate.Overlaps))
            {
                return candidate;
            }
        }

        throw new LabException("no free /24 left in 10.240.0.0/12 for a lab network: every one overlaps an existing address or route");
    }

    /// <summary>Every IPv4 address and route prefix the machine has now, from <c>ip -j</c>.</summary>
    public static async Task<IReadOnlyList<Ipv4Prefix>> ReadInUseAsync(CancellationToken cancellationToken)
    {
        var routes = (await ProcessRunner.RunAsync("ip", ["-j", "-4", "route", "show", "table", "all"], cancellationToken))
            .EnsureSuccess("ip -j -4 route show table all");
        var addresses = (await ProcessRunner.RunAsync("ip", ["-j", "-4", "addr", "show"], cancellationToken))
            .EnsureSuccess("ip -j -4 addr show");
        return [.. ParseRoutes(routes.Stdout), .. ParseAddresses(addresses.Stdout)];
    }

    internal static IEnumerable<Ipv4Prefix> ParseRoutes(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        var result = new List<Ipv4Prefix>();
        foreach (var route in doc.RootElement.EnumerateArray())
        {
            if (route.TryGetProperty("dst", out var dst) && Ipv4Prefix.TryParse(dst.GetString() ?? "", out var p))
            {
                result.Add(p);
            }
        }

        return result;
    }

    internal static IEnumerable<Ipv4Prefix> ParseAddresses(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        var result = new List<Ipv4Prefix>();
        foreach (var link in doc.RootElement.EnumerateArray())
        {
            if (!link.TryGetProperty("addr_info", out var infos))
            {
                continue;
            }

            foreach (var info in infos.EnumerateArray())
            {
                if (info.TryGetProperty("local", out var local) && info.TryGetProperty("prefixlen", out var len)
                    && Ipv4Prefix.TryParse($"{local.GetString()}/{len.GetInt32()}", out var p))
                {
                    result.Add(p);
                }
            }
        }

        return result;
    }
}
