using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.Inventory;
using Orchestrator.Lab;
using Orchestrator.Testing.Labs;
using Orchestrator.Transport;

namespace Orchestrator.FreeSwitch.Tests.Lab;

/// <summary>
/// A lab per test class (names start with "fs"), with the FreeSWITCH views the tests compare: facts gathered through
/// real SSH, and snapshots of what "changes nothing" must leave alone.
/// </summary>
public abstract class FsLab(string purpose, int hosts, Action<LabOptions>? configure = null) : LabFixture(purpose, hosts, configure)
{
    /// <summary>Facts of one host through the real SSH transport, as the module gathers them (become, two round trips).</summary>
    public async Task<FreeSwitchHostFacts> FactsAsync(string host, FreeSwitchFactsOptions? options = null)
    {
        var inventory = InventoryLoader.Load([Lab.InventoryPath]);
        using var connector = new HostConnector(new TransportOptions());
        await using var connection = await connector.ConnectAsync(host, inventory.FindHost(host)!.Variables, CancellationToken.None);
        return await new FreeSwitchFactsCollector(options ?? new FreeSwitchFactsOptions()).CollectAsync(new ConnectionShell(connection, become: true), CancellationToken.None);
    }

    /// <summary>
    /// What "changes nothing" is checked against: every file under /etc/freeswitch and /etc/sysctl.d (sha256 and
    /// mtime), the two port sysctls, the freeswitch pid (its pid file), and freeswitch's UDP sockets (state, local, peer).
    /// </summary>
    public Task<string> SnapshotAsync(string host) => InHostAsync(host,
        "find /etc/freeswitch /etc/sysctl.d -type f -printf '%T@ %p\\n' | sort; find /etc/freeswitch /etc/sysctl.d -type f -exec sha256sum {} + | sort; "
        + "cat /proc/sys/net/ipv4/ip_local_reserved_ports /proc/sys/net/ipv4/ip_local_port_range; cat /run/freeswitch/freeswitch.pid; echo; "
        + "ss -H -uanp | grep '\"freeswitch\"' | awk '{print $1, $4, $5}' | sort");
}
