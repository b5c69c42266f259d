using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.Inventory;
using Orchestrator.Lab;
using Orchestrator.Transport;

namespace Orchestrator.FreeSwitch.Tests.Lab;

/// <summary>The FreeSWITCH lab tests run one after the other: each class brings up its own lab (names start with "fs").</summary>
[CollectionDefinition(Name)]
public sealed class FsLabCollection
{
    public const string Name = "fs-lab";
}

/// <summary>One lab per test class, taken down after the class's last test even when tests fail.</summary>
public abstract class FsSharedLab : IAsyncLifetime
{
    private static readonly string CheckoutTag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..4];
    private readonly string _purpose;
    private readonly int _hosts;
    private readonly Action<LabOptions>? _configure;
    private LabFleet? _lab;

    protected FsSharedLab(string purpose, int hosts, Action<LabOptions>? configure = null)
    {
        _purpose = purpose;
        _hosts = hosts;
        _configure = configure;
    }

    public LabFleet Lab => _lab ?? throw new InvalidOperationException("the lab did not come up");

    public async Task InitializeAsync()
    {
        var name = $"{_purpose}-{CheckoutTag}";
        var dir = Path.Combine(Path.GetTempPath(), "orchestrator-lab-tests", name);
        await LabFleet.DownAsync(dir, CancellationToken.None);
        var options = new LabOptions { Name = name, Directory = dir, Hosts = _hosts };
        _configure?.Invoke(options);
        _lab = await LabFleet.UpAsync(options, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }
}

/// <summary>Helpers over a running lab: real SSH connections from its inventory, host state snapshots.</summary>
internal static class LabHelpers
{
    /// <summary>Facts of one host through the real SSH transport, as the module gathers them (become, two round trips).</summary>
    public static async Task<FreeSwitchHostFacts> FactsAsync(LabFleet lab, string host, FreeSwitchFactsOptions? options = null)
    {
        var inventory = InventoryLoader.Load([lab.InventoryPath]);
        using var connector = new HostConnector(new TransportOptions());
        await using var connection = await connector.ConnectAsync(host, inventory.FindHost(host)!.Variables, CancellationToken.None);
        return await new FreeSwitchFactsCollector(options ?? new FreeSwitchFactsOptions()).CollectAsync(new ConnectionShell(connection, become: true), CancellationToken.None);
    }

    public static async Task<string> ExecAsync(LabFleet lab, string host, string command)
    {
        var r = await lab.ExecInHostAsync(host, command, CancellationToken.None);
        Assert.True(r.ExitCode == 0, $"{host}: '{command}' failed (rc={r.ExitCode}): {r.Stderr}");
        return r.Stdout;
    }

    /// <summary>
    /// What "changes nothing" is checked against: every file under /etc/freeswitch and /etc/sysctl.d (sha256 and
    /// mtime), the two port sysctls, the freeswitch pid (its pid file), and freeswitch's UDP sockets (state, local, peer).
    /// </summary>
    public static Task<string> SnapshotAsync(LabFleet lab, string host) => ExecAsync(lab, host,
        "find /etc/freeswitch /etc/sysctl.d -type f -printf '%T@ %p\\n' | sort; find /etc/freeswitch /etc/sysctl.d -type f -exec sha256sum {} + | sort; "
        + "cat /proc/sys/net/ipv4/ip_local_reserved_ports /proc/sys/net/ipv4/ip_local_port_range; cat /run/freeswitch/freeswitch.pid; echo; "
        + "ss -H -uanp | grep '\"freeswitch\"' | awk '{print $1, $4, $5}' | sort");
}
