using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules;

/// <summary><see cref="Module{TState}"/>: what planning found reaches the apply step typed and unchanged.</summary>
public sealed class ModuleStateTests
{
    [Fact]
    public async Task TypedModule_RealRun_ApplyGetsThePlannedState()
    {
        using var h = new EngineHarness("h1", "h2");
        var module = new RecordingModule();
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - {name: t, recording: {}}\n", o => o.Modules = ModuleRegistry.CreateDefault().Register(module));
        Assert.Equal(TaskOutcome.Changed, run.Result1("t", "h1").Outcome);
        Assert.Equal("applied on h1", run.Result1("t", "h1").Message);
        Assert.Equal("applied on h2", run.Result1("t", "h2").Message);
        Assert.Equal(2, module.Planned.Count);
        Assert.Equal(module.Planned.OrderBy(p => p.Host), module.Applied.OrderBy(p => p.Host));
        Assert.All(module.Applied, a => Assert.Contains(module.Planned, p => ReferenceEquals(p, a)));
    }

    [Fact]
    public async Task TypedModule_CheckMode_ApplyNeverRuns()
    {
        using var h = new EngineHarness("h1");
        var module = new RecordingModule();
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - {name: t, recording: {}}\n", o =>
        {
            o.Modules = ModuleRegistry.CreateDefault().Register(module);
            o.Check = true;
        });
        Assert.Equal("would apply on h1", run.Result1("t", "h1").Message);
        Assert.Single(module.Planned);
        Assert.Empty(module.Applied);
    }

    [Fact]
    public async Task TypedModule_PlanWithoutItsState_ApplyRefuses()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new RecordingModule().ApplyAsync(null!, ModulePlan.WouldChange("would do something"), CancellationToken.None));
        Assert.Contains("'recording'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HostStamp), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeSummary_RendersPlannedAndApplied()
    {
        var change = new ChangeSummary("create directory", "/var/lib/app");
        Assert.Equal("would create directory /var/lib/app", change.Planned);
        Assert.Equal("create directory /var/lib/app", change.Applied);
        var changed = new ChangeSummary("change", "mode of /etc/x") { AppliedVerb = "changed" };
        Assert.Equal("would change mode of /etc/x", changed.Planned);
        Assert.Equal("changed mode of /etc/x", changed.Applied);
    }

    public sealed record HostStamp(string Host, long Ticket);

    /// <summary>Plans a <see cref="HostStamp"/> per host and records what reaches the apply step.</summary>
    private sealed class RecordingModule : Module<HostStamp>
    {
        private long _tickets;

        public List<HostStamp> Planned { get; } = [];

        public List<HostStamp> Applied { get; } = [];

        public override string Name => "recording";

        public override ModuleArgumentSpec Arguments { get; } = new();

        public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            var stamp = new HostStamp(context.HostName, Interlocked.Increment(ref _tickets));
            lock (Planned)
            {
                Planned.Add(stamp);
            }

            return Task.FromResult(WouldChange($"would apply on {stamp.Host}", stamp));
        }

        protected override Task<ModuleResult> ApplyAsync(ModuleContext context, HostStamp state, ModulePlan plan, CancellationToken cancellationToken)
        {
            lock (Applied)
            {
                Applied.Add(state);
            }

            return Task.FromResult(ModuleResult.Change($"applied on {state.Host}"));
        }
    }
}
