using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules;

public sealed class ModuleRegistryTests
{
    /// <summary>A module from outside the engine, registered without changing the engine.</summary>
    private sealed class GreetModule : Module<string>
    {
        public override string Name => "greet";

        public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
            .Add("who", ArgumentType.String, required: true)
            .Add(new ArgumentDefinition("token", ArgumentType.String) { Secret = true });

        public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            var r = await context.RunAsync(RemoteCommand.Script("cat /etc/greeting"), cancellationToken);
            var who = context.Arguments.RequireString("who");
            return r.Stdout == who
                ? ModulePlan.NoChange("already greeted")
                : WouldChange($"would greet {who} with {context.Arguments.GetString("token")}", who);
        }

        protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, string who, ModulePlan plan, CancellationToken cancellationToken)
        {
            await context.RunAsync(RemoteCommand.Script("greet \"$1\"", who), cancellationToken);
            return ModuleResult.Change("greeted");
        }
    }

    [Fact]
    public async Task Registry_ExternalModule_ValidatedAtLoadAndRunWithSecretArgumentRedacted()
    {
        using var h = new EngineHarness("h1");
        var registry = ModuleRegistry.CreateDefault().Register(new GreetModule());
        var bad = h.Options("- hosts: all\n  tasks:\n    - greet: {who: bob, whom: x}\n", o => o.Modules = registry);
        var error = Assert.Throws<Core.Errors.UserInputException>(() => PlaybookRunner.SyntaxCheck(bad));
        Assert.Contains("module 'greet' has no argument 'whom'", error.Message, StringComparison.Ordinal);

        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - greet: {who: bob, token: Tok-12345}\n", o =>
        {
            o.Modules = registry;
            o.Check = true;
        });
        var result = run.Result1("greet", "h1");
        Assert.Equal(TaskOutcome.Changed, result.Outcome);
        Assert.Equal("would greet bob with [REDACTED]", result.Message);
        Assert.DoesNotContain(h["h1"].Commands, c => c.StartsWith("greet", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => registry.Register(new GreetModule()));
    }
}
