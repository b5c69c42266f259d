using Orchestrator.Cli.Tests.Support;
using Orchestrator.Inventory;
using Orchestrator.Inventory.Output;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Inventory;

/// <summary>The orchestrator inventory views through the command line (in process; graphs through the executable).</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class InventoryCommandTests
{
    private const string Fleet = """
        [freeswitch:children]
        media
        edge
        [media]
        fs-m[1:2] rtp_start_port=16384
        [edge]
        fs-e1 sip_profile=external
        [edge:vars]
        capture=['homer']
        """;

    [Fact]
    public async Task Graph_DrawsGroupsHostsAndVarsAsATree()
    {
        using var dir = new TempDirectory();
        dir.Write("hosts.ini", Fleet);
        var result = await CliRunner.RunAsync(dir.Path, "inventory", "-i", "hosts.ini", "--graph", "--vars");
        Assert.Equal(0, result.ExitCode);
        var expected = """
            @all:
            ├── @ungrouped:
            └── @freeswitch:
                ├── @media:
                │   ├── fs-m1
                │   │   └── {rtp_start_port = 16384}
                │   └── fs-m2
                │       └── {rtp_start_port = 16384}
                └── @edge:
                    ├── fs-e1
                    │   ├── {capture = ['homer']}
                    │   └── {sip_profile = external}
                    └── {capture = ['homer']}

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), result.Stdout);
    }

    [Fact]
    public async Task Graph_FromGroupWithLimit_ShowsOnlyThatSubtreeAndLimitedHosts()
    {
        using var dir = new TempDirectory();
        dir.Write("hosts.ini", Fleet);
        var result = await CliRunner.RunAsync(dir.Path, "inventory", "-i", "hosts.ini", "--graph", "media", "-l", "fs-m2");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("@media:\n└── fs-m2\n", result.Stdout);
    }

    [Fact]
    public async Task Host_PrintsMergedVariablesAsJson()
    {
        using var dir = new TempDirectory();
        dir.Write("hosts.ini", Fleet);
        var result = await InProcessCli.RunAsync("inventory", "-i", dir.Combine("hosts.ini"), "--host", "fs-e1");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\n    \"capture\": [\n        \"homer\"\n    ],\n    \"sip_profile\": \"external\"\n}\n", result.Stdout);
    }

    [Fact]
    public async Task List_WithLimit_KeepsOnlyLimitedHostsAndTheirGroups()
    {
        using var dir = new TempDirectory();
        dir.Write("hosts.ini", Fleet);
        var result = await InProcessCli.RunAsync("inventory", "-i", dir.Combine("hosts.ini"), "--list", "--limit", "edge");
        Assert.Equal(0, result.ExitCode);
        var doc = (Dictionary<string, object?>)PyJson.Parse(result.Stdout)!;
        Assert.Equal(["_meta", "all", "edge", "freeswitch"], doc.Keys.Order(StringComparer.Ordinal));
        var hostvars = (Dictionary<string, object?>)((Dictionary<string, object?>)doc["_meta"]!)["hostvars"]!;
        Assert.Equal(["fs-e1"], hostvars.Keys);
    }

    [Fact]
    public async Task ListHosts_PrintsAnsibleFormat()
    {
        using var dir = new TempDirectory();
        dir.Write("hosts.ini", Fleet);
        var result = await InProcessCli.RunAsync("inventory", "-i", dir.Combine("hosts.ini"), "--list-hosts", "freeswitch:!fs-m1");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("  hosts (2):\n    fs-m2\n    fs-e1\n", result.Stdout);
    }

    [Fact]
    public async Task ListHosts_NoMatch_WarnsOnStderrAndListsNone()
    {
        using var dir = new TempDirectory();
        dir.Write("hosts.ini", Fleet);
        var result = await InProcessCli.RunAsync("inventory", "-i", dir.Combine("hosts.ini"), "--list-hosts", "nosuch");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("  hosts (0):\n", result.Stdout);
        Assert.Equal("[WARNING]: Could not match supplied host pattern, ignoring: nosuch\n", result.Stderr);
    }

    [Fact]
    public async Task ListYaml_ReadsBackAsTheSameInventory()
    {
        using var dir = new TempDirectory();
        var original = dir.Write("hosts.ini", Fleet + "\n[edge:vars]\nweird=\"yes\"\nn=None\nf=1.5\n");
        var result = await InProcessCli.RunAsync("inventory", "-i", original, "--list", "--yaml");
        Assert.Equal(0, result.ExitCode);
        var roundTrip = HostInventory.FromYaml(result.Stdout);
        var source = InventoryLoader.Load([original]);
        foreach (var host in source.Hosts)
        {
            Assert.Equal(
                AnsibleJson.Serialize(host.Variables),
                AnsibleJson.Serialize(roundTrip.FindHost(host.Name)!.Variables));
            Assert.Equal(host.Groups, roundTrip.FindHost(host.Name)!.Groups);
        }
    }

    [Fact]
    public async Task Help_ListsTheInventoryCommand()
    {
        var result = await CliRunner.RunAsync(Path.GetTempPath(), "inventory", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--list-hosts <PATTERN>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("-i, --inventory <PATH>", result.Stdout, StringComparison.Ordinal);
    }
}
