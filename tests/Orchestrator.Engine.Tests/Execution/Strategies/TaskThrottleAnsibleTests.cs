using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Engine.Tests.Execution.Strategies;

/// <summary>
/// <c>throttle: 1</c> on three local hosts: each host's start/end pair lands in a shared log without overlapping, in the
/// engine as in ansible-playbook; without throttle the engine's hosts do overlap (so the log can tell).
/// </summary>
[Trait("Requires", "ansible")]
public sealed class TaskThrottleAnsibleTests : IDisposable
{
    private const string Inventory = """
        [web]
        h1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3
        h2 ansible_connection=local ansible_python_interpreter=/usr/bin/python3
        h3 ansible_connection=local ansible_python_interpreter=/usr/bin/python3

        """;

    private static readonly string[] Alternating = ["start", "end", "start", "end", "start", "end"];

    private readonly TempDirectory _dir = new("engine-throttle-");

    public TaskThrottleAnsibleTests()
    {
        _dir.Write("inventory.ini", Inventory);
        _dir.Write("ansible.cfg", "[defaults]\nforks = 5\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ThrottleOne_HostsRunTheTaskOneAtATime_LikeAnsible()
    {
        var ansibleLog = _dir.Combine("ansible.log");
        var ansible = await AnsiblePlaybookProcess.RunAsync(_dir.Path, ["-i", "inventory.ini", Write("ansible.yml", ansibleLog, "throttle: 1")]);
        Assert.True(ansible.ExitCode == 0, ansible.Stdout + ansible.Stderr);
        Assert.Equal(Alternating, File.ReadAllLines(ansibleLog));

        var engineLog = _dir.Combine("engine.log");
        await EngineAsync(Write("engine.yml", engineLog, "throttle: 1"));
        Assert.Equal(Alternating, File.ReadAllLines(engineLog));

        var freeLog = _dir.Combine("free.log");
        await EngineAsync(Write("free.yml", freeLog, "throttle: 0"));
        Assert.NotEqual(Alternating, File.ReadAllLines(freeLog));
    }

    private string Write(string name, string log, string throttle) =>
        _dir.Write(name, $"""
            - hosts: web
              gather_facts: false
              tasks:
                - block:
                    - shell: 'echo start >> {log}; sleep 0.5; echo end >> {log}'
                  {throttle}
            """);

    private async Task EngineAsync(string playbook)
    {
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor });
        var events = new RecordingRunOutput();
        var result = await PlaybookRunner.RunAsync(
            new PlaybookRunOptions
            {
                PlaybookPath = playbook,
                Inventory = InventoryLoader.Load([_dir.Combine("inventory.ini")]),
                Connector = connector,
                Output = events,
                Redactor = redactor,
                Forks = 5,
            },
            CancellationToken.None);
        Assert.Equal(0, result.ExitCode);
    }
}
