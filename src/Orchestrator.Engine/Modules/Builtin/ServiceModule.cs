using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>service</c>: systemd units through systemctl (started/stopped/restarted/reloaded, enabled).</summary>
internal sealed class ServiceModule : Module<IReadOnlyList<string>>
{
    public override string Name => "service";

    public override IReadOnlyList<string> Aliases => ["systemd"];

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add("name", ArgumentType.String, required: true)
        .Add("state", ArgumentType.String, choices: ["started", "stopped", "restarted", "reloaded"])
        .Add("enabled", ArgumentType.Boolean);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var name = context.Arguments.RequireString("name");
        var state = context.Arguments.GetString("state");
        var enabled = context.Arguments.Has("enabled") ? context.Arguments.GetBool("enabled") : (bool?)null;
        if (state is null && enabled is null)
        {
            throw context.Error("needs 'state' or 'enabled'");
        }

        if (name.StartsWith('-'))
        {
            // systemctl would read it as an option (--help even succeeds); no unit name starts with '-'.
            throw context.Error($"'name' must be a unit name, but '{name}' starts with '-'");
        }

        context.ReadResource("service:" + name);
        var probe = await context.RunAsync(RemoteCommand.Script("systemctl is-active \"$1\"; systemctl is-enabled \"$1\" 2>/dev/null || true", name), cancellationToken);
        var lines = probe.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var active = lines.ElementAtOrDefault(0) ?? "unknown";
        var isEnabled = lines.ElementAtOrDefault(1) ?? "unknown";
        var isActive = active is "active" or "activating" or "reloading";
        var actions = new List<string>();
        var changes = new List<string>();
        switch (state)
        {
            case "started" when !isActive:
                actions.Add("start");
                changes.Add($"state: {active} -> started");
                break;
            case "stopped" when isActive:
                actions.Add("stop");
                changes.Add($"state: {active} -> stopped");
                break;
            case "restarted":
                actions.Add("restart");
                changes.Add("state: restarted");
                break;
            case "reloaded":
                actions.Add(isActive ? "reload" : "start");
                changes.Add(isActive ? "state: reloaded" : $"state: {active} -> started");
                break;
        }

        if (enabled is { } e && (isEnabled == "enabled") != e)
        {
            actions.Add(e ? "enable" : "disable");
            changes.Add($"enabled: {isEnabled} -> {(e ? "enabled" : "disabled")}");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["state"] = isActive ? "started" : "stopped",
            ["status"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ActiveState"] = active, ["UnitFileState"] = isEnabled },
        };
        if (actions.Count == 0)
        {
            return ModulePlan.NoChange($"{name} is {active}{(enabled is null ? string.Empty : ", " + isEnabled)}", result);
        }

        return WouldChange(
            Summary(actions, name).Planned,
            actions,
            [new ModuleDiff("service " + name) { AttributeChanges = changes }],
            ["service:" + name],
            result);
    }

    protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, IReadOnlyList<string> actions, ModulePlan plan, CancellationToken cancellationToken)
    {
        var name = context.Arguments.RequireString("name");
        foreach (var action in actions)
        {
            // The action is one of the constants above; only the unit name is a value.
            var r = await context.RunAsync(RemoteCommand.Script($"systemctl {action} \"$1\"", name), cancellationToken);
            if (!r.Succeeded)
            {
                return ModuleResult.Fail($"systemctl {action} {name} failed (rc={r.ExitCode}): {(r.Stderr + r.Stdout).Trim()}", plan.Result);
            }
        }

        var data = new Dictionary<string, object?>(plan.Result, StringComparer.Ordinal);
        if (context.Arguments.GetString("state") is { } s)
        {
            data["state"] = s is "stopped" ? "stopped" : "started";
        }

        return ModuleResult.Change(Summary(actions, name).Applied, data);
    }

    /// <summary>"start and enable nginx": the systemctl actions, in order.</summary>
    private static ChangeSummary Summary(IReadOnlyList<string> actions, string name) => new(string.Join(" and ", actions), name);
}
