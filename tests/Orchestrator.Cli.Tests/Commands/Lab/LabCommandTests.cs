using Orchestrator.Cli.Tests.Support;
using Orchestrator.Lab;
using Orchestrator.Testing;
using Orchestrator.Testing.Labs;

namespace Orchestrator.Cli.Tests.Commands.Lab;

/// <summary>The `orchestrator lab` commands, run as a user runs them: the built executable.</summary>
// Lab even for bad flags and a missing lab: every lab command checks for root before anything else.
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class LabCommandTests
{
    private static Task<ProcessResult> OrchestratorAsync(params string[] args) =>
        OrchestratorCli.RunAsync(args, environment: new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" }, timeout: TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Status_NoLabInDirectory_ClearErrorExitTwo()
    {
        var dir = Path.Combine(Path.GetTempPath(), "no-lab-" + Guid.NewGuid().ToString("N"));
        var r = await OrchestratorAsync("lab", "status", "--dir", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"ERROR: no lab in {dir}: lab.json not found (bring one up with `orchestrator lab up --dir {dir}`)", r.Stderr.Trim());
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--hosts", "0", "--hosts 0: expected 1 to 200")]
    [InlineData("--scenario", "chaos", "unknown scenario 'chaos': expected one of clean, collide")]
    [InlineData("--robustness", "maybe", "--robustness 'maybe': expected on or off")]
    [InlineData("--name", "Bad_Name", "invalid lab name 'Bad_Name'")]
    public async Task Up_BadFlag_ClearErrorAndNothingCreated(string flag, string value, string expected)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bad-lab-" + Guid.NewGuid().ToString("N"));
        var r = await OrchestratorAsync("lab", "up", "--dir", dir, "--name", "tbadflag", flag, value);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task Commands_UpStatusCallsHepDown_EndToEnd()
    {
        var name = TestLabs.Name("tcli");
        var dir = TestLabs.Directory(name);
        await LabFleet.DownAsync(dir, CancellationToken.None);
        try
        {
            var up = await OrchestratorAsync("lab", "up", "--hosts", "1", "--name", name, "--dir", dir);
            Assert.True(up.Succeeded, up.Stderr + up.Stdout);
            Assert.Contains($"Lab {name} is up (1 hosts, scenario clean)", up.Stdout, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(dir, "inventory.yml"), up.Stdout, StringComparison.Ordinal);

            var status = await OrchestratorAsync("lab", "status", "--dir", dir);
            Assert.True(status.Succeeded, status.Stderr);
            // One process per line of the cell.
            Assert.Matches(@"fs1 .*sshd \(\d+\)", status.Stdout);
            Assert.Matches(@"freeswitch \(\d+\)", status.Stdout);
            Assert.Matches(@"homer .*orchestrator-hep-listener \(\d+\)", status.Stdout);
            Assert.Matches(@"sngrep \(\d+\)", status.Stdout);

            var calls = await OrchestratorAsync("lab", "calls", "--dir", dir, "--host", "fs1", "--count", "5", "--rate", "10");
            Assert.True(calls.Succeeded, calls.Stderr + calls.Stdout);
            Assert.Contains("5 calls to fs1", calls.Stdout, StringComparison.Ordinal);
            Assert.Contains("5 succeeded, 0 failed (0 answered 488)", calls.Stdout, StringComparison.Ordinal);
            Assert.Contains("New 'Bind Error' lines in fs1's freeswitch.log: 0", calls.Stdout, StringComparison.Ordinal);

            var hep = await OrchestratorAsync("lab", "hep", "--dir", dir);
            Assert.True(hep.Succeeded, hep.Stderr);
            Assert.Matches(@"fs1 .*\d+\.\d+\.\d+\.\d+:\d+ .* 30 .*200 BYE", hep.Stdout);

            var down = await OrchestratorAsync("lab", "down", "--dir", dir);
            Assert.True(down.Succeeded, down.Stderr);
            Assert.Empty(await LabLeftovers.FindAsync(name, dir));
        }
        finally
        {
            await LabFleet.DownAsync(dir, CancellationToken.None);
        }
    }
}
