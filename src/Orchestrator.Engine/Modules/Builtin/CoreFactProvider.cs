namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// The core facts for <c>gather_facts</c>, read in one command: hostname, fqdn, kernel, architecture,
/// distribution, addresses, CPU count and memory.
/// </summary>
internal sealed class CoreFactProvider : IFactProvider
{
    private const string Script =
        "echo \"hostname=$(hostname -s 2>/dev/null || hostname)\"; echo \"fqdn=$(hostname -f 2>/dev/null || hostname)\"; " +
        "echo \"kernel=$(uname -r)\"; echo \"architecture=$(uname -m)\"; echo \"system=$(uname -s)\"; " +
        "echo \"processor_vcpus=$(nproc 2>/dev/null || echo 1)\"; " +
        "echo \"memtotal_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo 2>/dev/null)\"; " +
        "echo \"addresses=$(hostname -I 2>/dev/null)\"; " +
        "if [ -r /etc/os-release ]; then . /etc/os-release; echo \"distribution=$ID\"; echo \"distribution_version=$VERSION_ID\"; echo \"os_like=$ID_LIKE\"; fi";

    public string Name => "core";

    public async Task<IReadOnlyDictionary<string, object?>> GatherAsync(FactContext context, CancellationToken cancellationToken)
    {
        var result = await context.Connection.RunAsync(new Core.Transport.RemoteCommand(Script), cancellationToken);
        var raw = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["hostname"] = raw.GetValueOrDefault("hostname"),
            ["fqdn"] = raw.GetValueOrDefault("fqdn"),
            ["kernel"] = raw.GetValueOrDefault("kernel"),
            ["architecture"] = raw.GetValueOrDefault("architecture"),
            ["system"] = raw.GetValueOrDefault("system"),
            ["distribution"] = raw.GetValueOrDefault("distribution") is { Length: > 0 } d ? char.ToUpperInvariant(d[0]) + d[1..] : null,
            ["distribution_version"] = raw.GetValueOrDefault("distribution_version"),
            ["os_family"] = raw.GetValueOrDefault("os_like") is { Length: > 0 } like ? char.ToUpperInvariant(like[0]) + like.Split(' ')[0][1..] : raw.GetValueOrDefault("distribution"),
            ["processor_vcpus"] = long.TryParse(raw.GetValueOrDefault("processor_vcpus"), out var cpus) ? cpus : null,
            ["memtotal_mb"] = long.TryParse(raw.GetValueOrDefault("memtotal_kb"), out var kb) ? kb / 1024 : null,
            ["all_ipv4_addresses"] = (raw.GetValueOrDefault("addresses") ?? string.Empty)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.Contains(':', StringComparison.Ordinal)).Select(a => (object?)a).ToList(),
        };
        return facts;
    }
}
