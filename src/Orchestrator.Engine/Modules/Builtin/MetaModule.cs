namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>meta</c>: <c>flush_handlers</c> and <c>noop</c>; the executor acts on them.</summary>
internal sealed class MetaModule : Module
{
    public override string Name => "meta";

    public override bool NeedsConnection => false;

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { FreeForm = "action" }
        .Add("action", ArgumentType.String, required: true, choices: ["flush_handlers", "noop"]);

    public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ModulePlan.NoChange(context.Arguments.GetString("action")!));
}
