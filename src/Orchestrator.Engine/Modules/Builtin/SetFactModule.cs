namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>set_fact</c>: sets host variables (precedence of registered/set_fact values).</summary>
internal sealed class SetFactModule : Module
{
    public const string FactsKey = "ansible_facts";

    public override string Name => "set_fact";

    public override bool NeedsConnection => false;

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { AllowUnknown = true }
        .Add("cacheable", ArgumentType.Boolean, defaultValue: false);

    public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var facts = context.Arguments.Values
            .Where(kv => kv.Key != "cacheable")
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (facts.Count == 0)
        {
            throw context.Error("needs at least one variable to set");
        }

        foreach (var name in facts.Keys)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                throw context.Error($"'{name}' is not a valid variable name");
            }
        }

        return Task.FromResult(ModulePlan.NoChange("facts set", new() { [FactsKey] = facts }));
    }
}
