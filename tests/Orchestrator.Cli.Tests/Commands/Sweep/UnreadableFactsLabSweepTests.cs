using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Sweep;

public sealed class UnreadableFactsLab() : CliLab("unread", 1, o => o.Scenario = "collide");

/// <summary>
/// "Could not look" is never "looked and found nothing": a sweep without <c>--become</c> logs in as labuser, who cannot
/// read the fds of the root-owned FreeSWITCH (so not which UDP sockets are its own) nor a log only root may read. The
/// controls that depend on them are errors that say why and what to do, never a pass.
/// </summary>
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class UnreadableFactsLabSweepTests(UnreadableFactsLab fixture) : IClassFixture<UnreadableFactsLab>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Sweep_WithoutBecome_CollidingHost_CaptureAndLogControlsAreErrorsNamingBecome()
    {
        // The host really collides (a capture socket on an even port of the RTP range, as root sees it) and its log is root's alone.
        var ss = await fixture.InHostAsync(0, "ss -Huanp state established");
        Assert.Contains("freeswitch", ss, StringComparison.Ordinal);
        await fixture.InHostAsync(0, "chmod 0600 /var/log/freeswitch/freeswitch.log");
        var json = _dir.Combine("r.json");

        var result = await CliProcess.RunAsync(
            Timeout,
            "sweep", "-i", fixture.Lab.InventoryPath, "--policy", Path.Combine(RepoPaths.Root, "policies", "freeswitch-capture.yml"),
            "--db", _dir.Combine("h.db"), "--report", $"json:{json}");

        Assert.True(result.ExitCode == 2, result.ToString());
        var results = JsonNode.Parse(await File.ReadAllTextAsync(json))!["hosts"]!.AsArray().Single()!["results"]!.AsArray()
            .ToDictionary(r => (string)r!["control"]!, r => (Status: (string)r!["status"]!, Message: (string)r["message"]!));

        // FS-CAP-03 capture_enabled, FS-CAP-04 capture_ports_clear: the sockets; FS-CAP-08 no_bind_errors: the log.
        var controls = new[] { "FS-CAP-03", "FS-CAP-04", "FS-CAP-08" };
        var seen = string.Join("\n", controls.Select(c => $"{c}: {results[c]}"));
        Assert.True(controls.All(c => results[c].Status == "error" && results[c].Message.Contains("--become", StringComparison.Ordinal)), seen);
        Assert.Contains("Permission denied", results["FS-CAP-04"].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Permission denied", results["FS-CAP-08"].Message, StringComparison.OrdinalIgnoreCase);

        // What labuser can read is still judged: the configuration (world-readable in the lab) and the service.
        Assert.All(new[] { "FS-CAP-01", "FS-CAP-02", "FS-CAP-09" }, c => Assert.True(results[c].Status == "pass", $"{c}: {results[c]}"));
    }
}
