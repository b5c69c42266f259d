using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>debug</c>: prints a message or a variable.</summary>
internal sealed class DebugModule : Module
{
    public override string Name => "debug";

    public override bool NeedsConnection => false;

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { FreeForm = "msg" }
        .Add("msg", ArgumentType.Any)
        .Add("var", ArgumentType.String)
        .Add("verbosity", ArgumentType.Integer, defaultValue: 0L);

    public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (context.Arguments.GetString("var") is { } name)
        {
            data[name] = context.EvaluateExpression(name);
            data["msg"] = null;
            return Task.FromResult(ModulePlan.NoChange($"{name}: {PlainData.ToJson(data[name])}", data));
        }

        var msg = context.Arguments.Get("msg") ?? "Hello world!";
        data["msg"] = msg;
        return Task.FromResult(ModulePlan.NoChange(msg is string s ? s : PlainData.ToJson(msg), data));
    }
}
