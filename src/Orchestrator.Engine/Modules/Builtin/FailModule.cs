namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>fail</c>: fails the task with a message.</summary>
internal sealed class FailModule : Module
{
    public override string Name => "fail";

    public override bool NeedsConnection => false;

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { FreeForm = "msg" }
        .Add("msg", ArgumentType.String, defaultValue: "Failed as requested from task");

    public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ModulePlan.Fail(context.Arguments.GetString("msg")!));
}
