using Orchestrator.Engine;
using Orchestrator.Engine.Output;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Inventory;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests;

public sealed class PlaybookTests
{
    public static TheoryData<string> Playbooks => new() { "rollout-capture.yml", "fix-port-collisions.yml", "disable-capture.yml", "verify.yml" };

    [Theory]
    [MemberData(nameof(Playbooks))]
    public void SyntaxCheck_ShippedPlaybook_LoadsWithTheFreeSwitchModules(string name)
    {
        PlaybookRunner.SyntaxCheck(new PlaybookRunOptions
        {
            PlaybookPath = Path.Combine(PlaybookHarness.PlaybooksDir, name),
            Modules = FreeSwitchModules.CreateRegistry(),
        });
    }

    [Fact]
    public void SyntaxCheck_WithoutTheFreeSwitchModules_NamesTheUnknownModule()
    {
        var ex = Assert.ThrowsAny<Exception>(() => PlaybookRunner.SyntaxCheck(new PlaybookRunOptions
        {
            PlaybookPath = Path.Combine(PlaybookHarness.PlaybooksDir, "verify.yml"),
        }));
        Assert.Contains("freeswitch_facts", ex.Message);
    }

    [Theory]
    [InlineData("udp:homer:80", "invalid port number 80")]
    [InlineData("udp:homer:9060;hep=4", "invalid hep version")]
    [InlineData("tcp:homer:9060", "only the udp protocol")]
    public async Task Rollout_InvalidCaptureServer_RefusedBeforeAnyHostIsContacted(string value, string reason)
    {
        using var dir = new TempDirectory("orch-fs-");
        var inventory = Path.Combine(dir.Path, "hosts.yml");
        File.WriteAllText(inventory, $"""
            all:
              children:
                freeswitch:
                  hosts:
                    fs1: {"{"} ansible_host: 192.0.2.11 {"}"}
                    fs2: {"{"} ansible_host: 192.0.2.12, freeswitch_capture_server: "{value}" {"}"}
                    fs3: {"{"} ansible_host: 192.0.2.13 {"}"}
                  vars:
                    freeswitch_capture_host: 192.0.2.1

            """);
        var connector = new RefusingConnector();
        var (result, output) = await PlaybookHarness.RunAsync(Path.Combine(PlaybookHarness.PlaybooksDir, "rollout-capture.yml"), inventory, connector: connector);

        Assert.Empty(connector.Attempts);
        Assert.Equal(PlaybookRunner.ExitPlayAborted, result.ExitCode);
        var failed = Assert.Single(output.Results, r => r.Outcome == TaskOutcome.Failed);
        Assert.Equal("fs2", failed.Host);
        Assert.Contains(reason, failed.Message);
        Assert.DoesNotContain(output.Results, r => r.Module != "freeswitch_validate");
    }

    [Fact]
    public async Task Rollout_MissingCaptureHost_RefusedBeforeAnyHostIsContacted()
    {
        using var dir = new TempDirectory("orch-fs-");
        var inventory = Path.Combine(dir.Path, "hosts.yml");
        File.WriteAllText(inventory, "all:\n  children:\n    freeswitch:\n      hosts:\n        fs1: { ansible_host: 192.0.2.11 }\n");
        var connector = new RefusingConnector();
        var (result, output) = await PlaybookHarness.RunAsync(Path.Combine(PlaybookHarness.PlaybooksDir, "rollout-capture.yml"), inventory, connector: connector);

        Assert.Empty(connector.Attempts);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(output.Results, r => r.Outcome == TaskOutcome.Failed && (r.Message ?? string.Empty).Contains("freeswitch_capture_host", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExampleInventory_PassesThePreflightOfEveryPlaybook()
    {
        var inventory = Path.Combine(RepoPaths.Root, "inventories", "production", "hosts.yml");
        Assert.True(File.Exists(inventory), inventory);
        var loaded = InventoryLoader.Load([inventory]);
        Assert.NotEmpty(loaded.SelectHosts("freeswitch"));
        foreach (var playbook in new[] { "rollout-capture.yml", "fix-port-collisions.yml", "disable-capture.yml" })
        {
            // Only the pre-flight play can pass without hosts: the connector refuses, so the second play reports them unreachable.
            var connector = new RefusingConnector();
            var (_, output) = await PlaybookHarness.RunAsync(Path.Combine(PlaybookHarness.PlaybooksDir, playbook), inventory, connector: connector);
            var preflight = output.Results.Where(r => r.Module == "freeswitch_validate").ToList();
            Assert.NotEmpty(preflight);
            Assert.All(preflight, r => Assert.True(r.Outcome == TaskOutcome.Ok, $"{playbook} {r.Host}: {r.Message}"));
        }
    }
}
