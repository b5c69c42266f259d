using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules;

/// <summary>Module failures (probes, transfers, values the host cannot take) fail the task as a <see cref="ModuleException"/>; the run goes on.</summary>
public sealed class ModuleFailureTests
{
    [Fact]
    public async Task Probe_HostAnswersWithAnError_TaskFailsWithIt()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script(@"^if \[ -e ", rc: 1, stderr: "stat: Permission denied\n");
        var run = await h.RunAsync(Playbook("file: {path: /etc/x, mode: '0600'}"));
        Assert.Equal(TaskOutcome.Failed, run.Result1("t", "h1").Outcome);
        Assert.Equal("cannot inspect /etc/x: stat: Permission denied", run.Result1("t", "h1").Message);
        Assert.Equal(TaskOutcome.Ok, run.Result1("after", "h1").Outcome);
    }

    [Fact]
    public async Task Upload_TransportFails_TaskFailsWithTheTransportMessage()
    {
        using var h = new EngineHarness("h1");
        h["h1"].TransferError = "upload of /etc/c to h1 failed (rc=1): No space left on device";
        var run = await h.RunAsync(Playbook("copy: {content: hello, dest: /etc/c}"));
        var result = run.Result1("t", "h1");
        Assert.Equal(TaskOutcome.Failed, result.Outcome);
        Assert.Equal("upload of /etc/c to h1 failed (rc=1): No space left on device", result.Message);
        Assert.Equal("/etc/c", result.Result!["dest"]);
        Assert.Null(h["h1"].Text("/etc/c"));
        Assert.Equal(TaskOutcome.Ok, run.Result1("after", "h1").Outcome);
    }

    [Fact]
    public async Task Download_TransportFails_TaskFailsWithTheTransportMessage()
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/etc/x.conf", "a=1\n");
        h["h1"].TransferError = "cannot read /etc/x.conf on h1 (rc=1): Permission denied";
        var run = await h.RunAsync(Playbook("lineinfile: {path: /etc/x.conf, line: b=2}"));
        Assert.Equal(TaskOutcome.Failed, run.Result1("t", "h1").Outcome);
        Assert.Equal("cannot read /etc/x.conf on h1 (rc=1): Permission denied", run.Result1("t", "h1").Message);
    }

    [Fact]
    public async Task Sysctl_ValueIsNoPortList_TaskFails()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(Playbook("sysctl: {name: net.ipv4.ip_local_reserved_ports, value: '80-abc'}"));
        Assert.Equal(TaskOutcome.Failed, run.Result1("t", "h1").Outcome);
        Assert.Equal("net.ipv4.ip_local_reserved_ports: '80-abc' is not a port or a port range (low-high)", run.Result1("t", "h1").Message);
    }

    [Fact]
    public async Task ExternalModule_ThrowsItsOwnModuleException_TaskFails()
    {
        using var h = new EngineHarness("h1");
        var registry = ModuleRegistry.CreateDefault().Register(new RefusingModule());
        var run = await h.RunAsync(Playbook("refusing: {}"), o => o.Modules = registry);
        Assert.Equal(TaskOutcome.Failed, run.Result1("t", "h1").Outcome);
        Assert.Equal("the widget refuses", run.Result1("t", "h1").Message);
        Assert.Equal(TaskOutcome.Ok, run.Result1("after", "h1").Outcome);
    }

    private static string Playbook(string task) =>
        $"- hosts: all\n  tasks:\n    - {{name: t, {task}, ignore_errors: true}}\n    - {{name: after, debug: {{msg: still here}}}}\n";

    private sealed class WidgetException(string message) : ModuleException(message);

    private sealed class RefusingModule : Module
    {
        public override string Name => "refusing";

        public override ModuleArgumentSpec Arguments { get; } = new();

        public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken) =>
            throw new WidgetException("the widget refuses");
    }
}
