using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>
/// A repository with an ansible.cfg naming its inventory (two sources, local connection, so no lab): run, exec,
/// inventory and sweep use it when -i is absent; with neither, a clear error that mentions ansible.cfg.
/// </summary>
public sealed class ConfiguredInventoryTests : IDisposable
{
    private readonly TempDirectory _dir = new("orchestrator-cfg-cli-");
    private readonly string _repo;
    private readonly Dictionary<string, string> _env;

    public ConfiguredInventoryTests()
    {
        _repo = Directory.CreateDirectory(_dir.Combine("repo")).FullName;
        _env = new() { ["HOME"] = Directory.CreateDirectory(_dir.Combine("home")).FullName };
        Directory.CreateDirectory(Path.Combine(_repo, "inventories"));
        File.WriteAllText(Path.Combine(_repo, "inventories", "prod.yml"), "all:\n  hosts:\n    cfg-one:\n      ansible_connection: local\n");
        File.WriteAllText(Path.Combine(_repo, "inventories", "more.ini"), "cfg-two ansible_connection=local\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_NoInventoryOption_RunsOnTheConfigsInventory()
    {
        WriteConfig("inventory = inventories/prod.yml, inventories/more.ini\n");
        var playbook = Write("site.yml", $"- hosts: all\n  tasks:\n    - command: touch {_dir.Path}/{{{{ inventory_hostname }}}}.done\n");

        var result = await Orchestrator("run", playbook);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(_dir.Combine("cfg-one.done")), result.ToString());
        Assert.True(File.Exists(_dir.Combine("cfg-two.done")), result.ToString());
    }

    [Fact]
    public async Task Run_InventoryOption_BeatsTheConfigsInventory()
    {
        WriteConfig("inventory = inventories/prod.yml\n");
        var playbook = Write("site.yml", "- hosts: all\n  tasks:\n    - debug: msg=x\n");

        var result = await Orchestrator("run", playbook, "-i", "inventories/more.ini");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("cfg-two", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cfg-one", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AnsibleInventoryVariable_BeatsTheFile()
    {
        WriteConfig("inventory = inventories/prod.yml\n");
        _env["ANSIBLE_INVENTORY"] = "inventories/more.ini";
        var playbook = Write("site.yml", "- hosts: all\n  tasks:\n    - debug: msg=x\n");

        var result = await Orchestrator("run", playbook);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("cfg-two", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cfg-one", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoInventoryAnywhere_ErrorMentionsAnsibleCfg()
    {
        var playbook = Write("site.yml", "- hosts: all\n  tasks:\n    - debug: msg=x\n");

        var result = await Orchestrator("run", playbook);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no inventory: give -i/--inventory, or set inventory in ansible.cfg", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConfigWithoutInventory_ErrorNamesTheFile()
    {
        var config = WriteConfig("forks = 3\n");
        var playbook = Write("site.yml", "- hosts: all\n  tasks:\n    - debug: msg=x\n");

        var result = await Orchestrator("run", playbook);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{config} has no [defaults] inventory", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("implicit", true)]
    [InlineData("smart", true)]
    [InlineData("explicit", false)]
    [InlineData(null, false)]
    public async Task Run_Gathering_DecidesForPlaysWithoutGatherFacts(string? gathering, bool gathers)
    {
        WriteConfig("inventory = inventories/prod.yml\n" + (gathering is null ? string.Empty : $"gathering = {gathering}\n"));
        var playbook = Write("site.yml", "- hosts: all\n  tasks:\n    - debug: msg=x\n- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: msg=y\n");

        var result = await Orchestrator("run", playbook);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(gathers ? 1 : 0, result.Stdout.Split("TASK [Gathering Facts]").Length - 1);
    }

    [Fact]
    public async Task Exec_NoInventoryOption_RunsOnTheConfigsInventory()
    {
        WriteConfig("inventory = inventories/prod.yml,inventories/more.ini\n");

        var result = await Orchestrator("exec", "--", "echo", "from-exec");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("cfg-one | CHANGED | rc=0 >>\nfrom-exec", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("cfg-two | CHANGED | rc=0 >>\nfrom-exec", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InventoryList_NoInventoryOption_ListsTheConfigsSources()
    {
        WriteConfig("inventory = inventories/prod.yml, inventories/more.ini\n");

        var result = await Orchestrator("inventory", "--list");

        Assert.True(result.ExitCode == 0, result.ToString());
        var hosts = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("_meta").GetProperty("hostvars").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["cfg-one", "cfg-two"], hosts);
    }

    [Fact]
    public async Task Sweep_NoInventoryOption_SweepsTheConfigsInventory()
    {
        WriteConfig("inventory = inventories/prod.yml, inventories/more.ini\n");
        var policy = Write("policy.yml", "policy: ok\ncontrols:\n  - { id: A, title: t, impact: 0.5, check: { type: capture_ports_clear } }\n");

        var result = await Orchestrator("sweep", "--policy", policy, "--db", _dir.Combine("h.db"), "--report", $"json:{_dir.Combine("report.json")}");

        Assert.True(File.Exists(_dir.Combine("report.json")), result.ToString());
        var report = File.ReadAllText(_dir.Combine("report.json"));
        Assert.Contains("\"hosts\": 2", report, StringComparison.Ordinal);
        Assert.Contains("cfg-one", report, StringComparison.Ordinal);
        Assert.Contains("cfg-two", report, StringComparison.Ordinal);
    }

    private string WriteConfig(string defaults) => Write("ansible.cfg", "[defaults]\n" + defaults);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_repo, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Task<ProcessResult> Orchestrator(params string[] arguments) =>
        CleanEnvironmentProcess.RunAsync(OrchestratorCli.Executable, arguments, _repo, _env);
}
