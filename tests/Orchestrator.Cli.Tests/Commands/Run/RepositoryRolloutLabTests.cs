using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Run;

public sealed class RepositoryLab() : CliLab("repo", 3, o => o.Scenario = "collide");

/// <summary>
/// The shipped repository as a user runs it: a copy of site.yml, playbooks/, roles/ and templates/ with the shipped
/// ansible.cfg whose <c>inventory</c> names the lab, then <c>orchestrator run site.yml</c> with no <c>-i</c> in that
/// directory. The freeswitch_capture role fixes a 3-host collide lab; task names carry the role prefix; the report
/// playbook (no <c>-i</c> either) then finds every host protected, and a second run changes nothing.
/// </summary>
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class RepositoryRolloutLabTests(RepositoryLab fixture) : IClassFixture<RepositoryLab>, IDisposable
{
    private const string Role = "freeswitch_capture : ";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);
    private readonly TempDirectory _repo = new("orch-repo-");

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task SiteYml_WithNoInventoryOption_RollsTheRoleOutAndTheReportFindsEveryHostClear()
    {
        await ShippedRepository.CopyAsync(_repo, fixture.Lab.InventoryPath);

        var run = await RunAsync("run", "site.yml", "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var results = ShippedRepository.TaskResults(run.Stdout);
        foreach (var host in fixture.Lab.Hosts.Select(h => h.Name))
        {
            var mine = results.Where(r => (string)r["host"]! == host).ToList();
            var changed = mine.Where(r => (string)r["status"]! == "changed").Select(r => (string)r["task"]!).ToList();
            Assert.Contains(Role + "Remedy 1 (reserve): keep the RTP range out of the kernel's automatic port choice", changed);
            Assert.Contains(Role + "Remedy 1 (reserve): move the capture sockets that sit in the range (capture off/on)", changed);
            Assert.Contains(Role + "Remedy 2 (robustness): rtp-port-usage-robustness=true, only that param (xml mode)", changed);
            Assert.Contains(Role + "Remedy 2 (robustness): drained restart, only when switch.conf changed after FreeSWITCH started", changed);
            var verify = mine.Single(r => (string)r["task"]! == Role + "Verify placement (capture ports clear, host protected)");
            Assert.Equal("ok", (string)verify["status"]!);
        }

        // The pre-flight play's task comes from the role too (import_role tasks_from), and runs before any host task.
        Assert.StartsWith(Role + "Validate the FreeSWITCH variables", (string)results[0]["task"]!, StringComparison.Ordinal);

        var report = await RunAsync("run", "playbooks/verify.yml", "-o", "json");
        Assert.True(report.ExitCode == 0, report.ToString());
        var placements = ShippedRepository.TaskResults(report.Stdout).Where(r => (string)r["module"]! == "capture_ports").ToList();
        Assert.Equal(fixture.Lab.Hosts.Select(h => h.Name).Order(), placements.Select(p => (string)p["host"]!).Order());
        Assert.All(placements, p => Assert.Equal("protected", (string)p["result"]!["verdict"]!));

        var again = await RunAsync("run", "site.yml");
        Assert.True(again.ExitCode == 0, again.ToString());
        foreach (var host in fixture.Lab.Hosts.Select(h => h.Name))
        {
            Assert.Matches($@"{host}\s+: ok=\d+\s+changed=0\s", again.Stdout);
        }
    }

    private Task<ProcessResult> RunAsync(params string[] args) =>
        OrchestratorCli.RunAsync(args, _repo.Path, new Dictionary<string, string> { ["COLUMNS"] = "200" }, Timeout);
}
