using Orchestrator.Engine.Templating;

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

/// <summary>
/// The core facts for <c>gather_facts</c>, read in one command: hostname, fqdn, kernel, architecture,
/// distribution, addresses, CPU count and memory.
/// </summary>
internal sealed class CoreFactProvider : IFactProvider
{
    private const string Script =
        "echo \"hostname=$(hostname -s 2>/dev/null || hostname)\"; echo \"fqdn=$(hostname -f 2>/dev/null || hostname)\"; " +
        "echo \"kernel=$(uname -r)\"; echo \"architecture=$(uname -m)\"; echo \"system=$(uname -s)\"; " +
        "echo \"processor_vcpus=$(nproc 2>/dev/null || echo 1)\"; " +
        "echo \"memtotal_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo 2>/dev/null)\"; " +
        "echo \"addresses=$(hostname -I 2>/dev/null)\"; " +
        "if [ -r /etc/os-release ]; then . /etc/os-release; echo \"distribution=$ID\"; echo \"distribution_version=$VERSION_ID\"; echo \"os_like=$ID_LIKE\"; fi";

    public string Name => "core";

    public async Task<IReadOnlyDictionary<string, object?>> GatherAsync(FactContext context, CancellationToken cancellationToken)
    {
        var result = await context.Connection.RunAsync(new Core.Transport.RemoteCommand(Script), cancellationToken);
        var raw = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["hostname"] = raw.GetValueOrDefault("hostname"),
            ["fqdn"] = raw.GetValueOrDefault("fqdn"),
            ["kernel"] = raw.GetValueOrDefault("kernel"),
            ["architecture"] = raw.GetValueOrDefault("architecture"),
            ["system"] = raw.GetValueOrDefault("system"),
            ["distribution"] = raw.GetValueOrDefault("distribution") is { Length: > 0 } d ? char.ToUpperInvariant(d[0]) + d[1..] : null,
            ["distribution_version"] = raw.GetValueOrDefault("distribution_version"),
            ["os_family"] = raw.GetValueOrDefault("os_like") is { Length: > 0 } like ? char.ToUpperInvariant(like[0]) + like.Split(' ')[0][1..] : raw.GetValueOrDefault("distribution"),
            ["processor_vcpus"] = long.TryParse(raw.GetValueOrDefault("processor_vcpus"), out var cpus) ? cpus : null,
            ["memtotal_mb"] = long.TryParse(raw.GetValueOrDefault("memtotal_kb"), out var kb) ? kb / 1024 : null,
            ["all_ipv4_addresses"] = (raw.GetValueOrDefault("addresses") ?? string.Empty)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.Contains(':', StringComparison.Ordinal)).Select(a => (object?)a).ToList(),
        };
        return facts;
    }
}

internal static class BuiltinModulesList
{
    public static IEnumerable<Module> All() =>
    [
        new CommandModule(), new ShellModule(), new TemplateModule(), new CopyModule(), new FileModule(),
        new LineInFileModule(), new XmlModule(), new ServiceModule(), new WaitForModule(), new SysctlModule(),
        new SetFactModule(), new AssertModule(), new DebugModule(), new FailModule(), new MetaModule(),
    ];
}
