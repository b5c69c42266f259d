using Orchestrator.Core.Errors;
using Orchestrator.Lab.Tests.Support;
using Orchestrator.Testing.Labs;

namespace Orchestrator.Lab.Tests;

/// <summary>Up, down, crash recovery, coexistence. Each test owns its labs.</summary>
// Lab down to Open on a missing directory: the lab checks for root before it looks.
[Trait("Category", "Lab")]
public sealed class LabLifecycleTests
{
    [Fact]
    public async Task Down_AfterUp_LeavesNoNamespaceInterfaceMountProcessOrFile()
    {
        var lab = await TestLabs.UpAsync("tdown", 2);
        var prefix = lab.State.InterfacePrefix;
        var dir = lab.Directory;
        var pids = (await lab.GetStatusAsync(CancellationToken.None)).Hosts.SelectMany(h => h.Processes).Select(p => p.Pid).ToList();
        Assert.NotEmpty(pids);
        Assert.NotEmpty(await LabLeftovers.FindAsync(lab.Name, prefix, dir));

        await LabFleet.DownAsync(dir, CancellationToken.None);

        Assert.Empty(await LabLeftovers.FindAsync(lab.Name, prefix, dir));
        Assert.DoesNotContain(pids, Orchestrator.Lab.Linux.Procfs.IsAlive);

        // Idempotent: a second down finds nothing to do and does not fail.
        await LabFleet.DownAsync(dir, CancellationToken.None);
        await lab.DisposeAsync();
    }

    [Fact]
    public async Task Down_AfterPartialCleanupLikeACrash_RemovesTheRest()
    {
        var lab = await TestLabs.UpAsync("tcrash", 2);
        var prefix = lab.State.InterfacePrefix;
        var dir = lab.Directory;
        var pids = (await lab.GetStatusAsync(CancellationToken.None)).Hosts.SelectMany(h => h.Processes).Select(p => p.Pid).ToList();
        Assert.Contains(lab.State.Processes, p => p.Command.StartsWith("sngrep", StringComparison.Ordinal));
        Assert.Contains(lab.State.Processes, p => p.Command.StartsWith("orchestrator-he", StringComparison.Ordinal));
        pids.AddRange(lab.State.Processes.Select(p => p.Pid));

        // As if an earlier down died halfway: one host's namespace file unmounted, one netns deleted, sshd of another killed.
        Assert.True((await Programs.RunAsync("umount", lab.State.Hosts[0].UtsNamespaceFile!)).Succeeded);
        await lab.StopSshdAsync(lab.Hosts[1].Name, CancellationToken.None);
        Assert.True((await Programs.RunAsync("ip", "netns", "del", lab.Homer.NetworkNamespace)).Succeeded);

        // homer's netns is gone, so its receivers are no longer findable by namespace: down stops them by their recorded PIDs.
        await LabFleet.DownAsync(dir, CancellationToken.None);
        Assert.Empty(await LabLeftovers.FindAsync(lab.Name, prefix, dir));
        Assert.DoesNotContain(pids, Orchestrator.Lab.Linux.Procfs.IsAlive);
        await lab.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_TestBodyThrows_LabIsStillTakenDown()
    {
        string? dir = null;
        string? prefix = null;
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var lab = await TestLabs.UpAsync("tfail", 1);
            dir = lab.Directory;
            prefix = lab.State.InterfacePrefix;
            throw new InvalidOperationException("a failing test");
        });
        Assert.Equal("a failing test", ex.Message);
        Assert.Empty(await LabLeftovers.FindAsync(TestLabs.Name("tfail"), prefix!, dir!));
    }

    [Fact]
    public async Task Up_FailsHalfway_TakesDownWhatItHadBuilt()
    {
        var name = TestLabs.Name("thalf");
        var dir = TestLabs.Directory(name);
        await LabFleet.DownAsync(dir, CancellationToken.None);
        var options = new LabOptions { Name = name, Directory = dir, Hosts = 2, FailAfterHostSetupForTests = true };
        await Assert.ThrowsAsync<Orchestrator.Lab.Linux.LabException>(() => LabFleet.UpAsync(options, CancellationToken.None));
        Assert.Empty(await LabLeftovers.FindAsync(name, new LabNames(name).InterfacePrefix, dir));
    }

    [Fact]
    public async Task Up_TwoLabsWithDifferentNames_CoexistOnDifferentSubnets()
    {
        await using var a = await TestLabs.UpAsync("tcoa", 1);
        await using var b = await TestLabs.UpAsync("tcob", 1);
        Assert.NotEqual(a.Subnet, b.Subnet);
        Assert.NotEqual(a.State.Bridge, b.State.Bridge);
        foreach (var lab in new[] { a, b })
        {
            var r = await Programs.SshAsync(lab, lab.LoginUser, lab.Hosts[0], "hostname");
            Assert.True(r.Succeeded, r.Stderr);
        }

        // Taking one down leaves the other running.
        await a.DisposeAsync();
        Assert.True((await Programs.SshAsync(b, b.LoginUser, b.Hosts[0], "true")).Succeeded);
    }

    [Fact]
    public async Task Up_SameNameWhileUp_ClearErrorNamingTheOtherDirectory()
    {
        await using var lab = await TestLabs.UpAsync("tdup", 1);
        var other = Path.Combine(Path.GetTempPath(), "orchestrator-lab-tests", "tdup-other");
        var ex = await Assert.ThrowsAsync<UserInputException>(() =>
            LabFleet.UpAsync(new LabOptions { Name = lab.Name, Directory = other, Hosts = 1 }, CancellationToken.None));
        Assert.Contains($"a lab named '{lab.Name}' is already up in {lab.Directory}", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(other));
    }

    [Fact]
    public void Open_NoLabInDirectory_ClearError()
    {
        var ex = Assert.Throws<UserInputException>(() => LabFleet.Open(Path.Combine(Path.GetTempPath(), "no-such-lab-" + Guid.NewGuid().ToString("N"))));
        Assert.Contains("no lab in", ex.Message, StringComparison.Ordinal);
    }
}
