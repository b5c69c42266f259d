using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>assert</c>: every expression in <c>that</c> must be true.</summary>
internal sealed class AssertModule : Module
{
    public override string Name => "assert";

    public override bool NeedsConnection => false;

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add("that", ArgumentType.List, required: true)
        .Add(new ArgumentDefinition("fail_msg", ArgumentType.String) { Aliases = ["msg"] })
        .Add("success_msg", ArgumentType.String)
        .Add("quiet", ArgumentType.Boolean, defaultValue: false);

    public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        foreach (var item in context.Arguments.GetList("that")!)
        {
            var expression = item is bool b ? (b ? "true" : "false") : PlainData.ToText(item);
            if (!context.EvaluateCondition(expression))
            {
                return Task.FromResult(ModulePlan.Fail(
                    context.Arguments.GetString("fail_msg") ?? $"Assertion failed: {expression}",
                    new() { ["assertion"] = expression, ["evaluated_to"] = false }));
            }
        }

        return Task.FromResult(ModulePlan.NoChange(context.Arguments.GetString("success_msg") ?? "All assertions passed"));
    }
}
