using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Run;

/// <summary>
/// ansible.cfg's <c>[privilege_escalation]</c> <c>become</c> and <c>become_user</c> on a local-connection host: tasks
/// become unless they say <c>become: false</c>. Needs root (sudo to another user without a password), hence Lab.
/// </summary>
[Trait("Category", "Lab")]
public sealed class RunAnsibleCfgBecomeTests : IDisposable
{
    private readonly TempDirectory _dir = new("orchestrator-cfg-become-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_BecomeInAnsibleCfg_TasksBecomeItsUserUnlessTheySayNot()
    {
        Assert.True(Environment.UserName == "root", "this test runs sudo -u nobody without a password: run it as root");
        _dir.Write("hosts.yml", "all:\n  hosts:\n    local1:\n      ansible_connection: local\n");
        _dir.Write("ansible.cfg", "[defaults]\ninventory = hosts.yml\n[privilege_escalation]\nbecome = yes\nbecome_user = nobody\n");
        var playbook = _dir.Write(
            "who.yml",
            "- hosts: all\n  tasks:\n    - {command: id -un, register: r}\n    - {debug: var=r.stdout}\n    - {command: id -un, become: false, register: s}\n    - {debug: var=s.stdout}\n");

        var result = await CleanEnvironmentProcess.RunAsync(OrchestratorCli.Executable, ["run", playbook], _dir.Path, new Dictionary<string, string> { ["HOME"] = _dir.Path });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("r.stdout: \"nobody\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("s.stdout: \"root\"", result.Stdout, StringComparison.Ordinal);
    }
}
