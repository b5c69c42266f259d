using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Esl;
using Orchestrator.Inventory;
using Orchestrator.Transport;

namespace Orchestrator.FreeSwitch.Tests.Lab;

public sealed class FsCliCleanupLabFixture() : FsLab("fscln", 1);

/// <summary>
/// The fs_cli client's ESL password must not outlive the command on the host, even when the controller dies (here: its
/// SSH connection is cut with SIGKILL on the host's sshd, as when the controller is killed) in the middle of a script.
/// </summary>
[Collection(FsLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class FsCliCleanupLabTests(FsCliCleanupLabFixture fixture) : IClassFixture<FsCliCleanupLabFixture>
{
    private const string KillSshSessions =
        "for p in $(ss -Htnp state established '( sport = :22 )' | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do kill -KILL $p; done";

    [Fact]
    public async Task FsCliScript_ConnectionCutMidScript_NoFileWithThePasswordRemains()
    {
        var host = fixture.Lab.Hosts[0].Name;
        var password = "EslPw-" + Guid.NewGuid().ToString("N")[..16];
        var find = $"grep -rlsF -- '{password}' /tmp /var/tmp /root /home /run /dev/shm 2>/dev/null; true";
        // The script sleeps between two fs_cli calls: the connection is cut while it sleeps, and its next output fails.
        var script = FsCli.Script("fsapi status\nsleep 3\nfsapi status\nfsapi status\n", "fs_cli", ApiClient.FsCli);
        var inventory = InventoryLoader.Load([fixture.Lab.InventoryPath]);
        using var connector = new HostConnector(new TransportOptions());
        await using var connection = await connector.ConnectAsync(host, inventory.FindHost(host)!.Variables, CancellationToken.None);

        var running = connection.RunAsync(
            new RemoteCommand(script) { Stdin = FsCli.Credentials(new EslEndpoint("127.0.0.1", 8021, new Secret(password))) },
            CancellationToken.None);
        await WaitForAsync(host, "find /tmp -name .fs_cli_conf 2>/dev/null | head -1", found => found.Length > 0, "the script's fs_cli config never appeared");
        await fixture.InHostAsync(host, KillSshSessions);

        await Assert.ThrowsAsync<HostUnreachableException>(() => running);
        Assert.Equal(string.Empty, (await fixture.InHostAsync(host, find)).Trim());
        // Once the script has noticed (its next write fails), its temporary directory is gone as well.
        await WaitForAsync(host, "find /tmp -name .fs_cli_conf 2>/dev/null | head -1", found => found.Length == 0, "the fs_cli config directory outlived the script");
        Assert.Equal(string.Empty, (await fixture.InHostAsync(host, find)).Trim());
    }

    [Theory]
    [InlineData("ClueCon", "UP ")]
    [InlineData("not-the-password", "Authentication Error")]
    public async Task FsCliScript_PasswordThroughTheNamedPipe_IsWhatFsCliUses(string password, string expected)
    {
        var host = fixture.Lab.Hosts[0].Name;
        var inventory = InventoryLoader.Load([fixture.Lab.InventoryPath]);
        using var connector = new HostConnector(new TransportOptions());
        await using var connection = await connector.ConnectAsync(host, inventory.FindHost(host)!.Variables, CancellationToken.None);

        var result = await connection.RunAsync(
            new RemoteCommand(FsCli.Script("fsapi status\n", "fs_cli", ApiClient.FsCli)) { Stdin = FsCli.Credentials(new EslEndpoint("127.0.0.1", 8021, new Secret(password))) },
            CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await fixture.InHostAsync(host, "find /tmp -name .fs_cli_conf 2>/dev/null")).Trim());
    }

    private async Task WaitForAsync(string host, string command, Func<string, bool> done, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!done((await fixture.InHostAsync(host, command)).Trim()))
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }
}
