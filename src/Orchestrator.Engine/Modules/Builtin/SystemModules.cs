using System.Globalization;
using System.Text;
using Orchestrator.Core.Shell;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>file</c>: a directory exists, a path is absent, a file is touched, or a file's mode/owner/group.</summary>
internal sealed class FileModule : Module
{
    public override string Name => "file";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add(new ArgumentDefinition("path", ArgumentType.String) { Required = true, Aliases = ["dest", "name"] })
        .Add("state", ArgumentType.String, defaultValue: "file", choices: ["file", "directory", "absent", "touch"])
        .Add("mode", ArgumentType.Mode)
        .Add("owner", ArgumentType.String)
        .Add("group", ArgumentType.String);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var path = args.RequireString("path");
        var want = args.GetString("state")!;
        var mode = args.GetString("mode");
        var owner = args.GetString("owner");
        var group = args.GetString("group");
        var state = await RemoteFileState.ProbeAsync(context, path, cancellationToken);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = path, ["state"] = state.Exists ? (state.IsDirectory ? "directory" : "file") : "absent" };
        switch (want)
        {
            case "absent":
                return state.Exists
                    ? ModulePlan.WouldChange($"would remove {path}", new FileAction("absent", path, null, null, null), [new ModuleDiff(path) { AttributeChanges = [$"state: {result["state"]} -> absent"] }], [path], result)
                    : ModulePlan.NoChange($"{path} is absent", result);
            case "directory":
                if (state.Exists && !state.IsDirectory)
                {
                    return ModulePlan.Fail($"{path} exists and is a {state.Type}, not a directory");
                }

                var dirChanges = state.Exists ? state.AttributeChanges(mode, owner, group) : [$"state: absent -> directory", .. RemoteFileState.Absent.AttributeChanges(mode, owner, group)];
                return dirChanges.Count == 0
                    ? ModulePlan.NoChange($"{path} is a directory", result)
                    : ModulePlan.WouldChange(state.Exists ? $"would change {path}" : $"would create directory {path}", new FileAction("directory", path, mode, owner, group), [new ModuleDiff(path) { AttributeChanges = dirChanges }], [path], result);
            case "touch":
                var touchChanges = state.Exists ? state.AttributeChanges(mode, owner, group) : [$"state: absent -> file", .. RemoteFileState.Absent.AttributeChanges(mode, owner, group)];
                touchChanges.Insert(0, "times: updated");
                return ModulePlan.WouldChange(state.Exists ? $"would touch {path}" : $"would create {path}", new FileAction("touch", path, mode, owner, group), [new ModuleDiff(path) { AttributeChanges = touchChanges }], [path], result);
            default:
                if (!state.Exists)
                {
                    return ModulePlan.Fail($"{path} does not exist (use state: touch to create it)");
                }

                var changes = state.AttributeChanges(mode, owner, group);
                return changes.Count == 0
                    ? ModulePlan.NoChange($"{path} is as wanted", result)
                    : ModulePlan.WouldChange($"would change {path}", new FileAction("file", path, mode, owner, group), [new ModuleDiff(path) { AttributeChanges = changes }], [path], result);
        }
    }

    public override async Task<ModuleResult> ApplyAsync(ModuleContext context, ModulePlan plan, CancellationToken cancellationToken)
    {
        var action = (FileAction)plan.State!;
        var q = ShellQuote.Quote(action.Path);
        var command = action.State switch
        {
            "absent" => $"rm -rf -- {q}",
            "directory" => $"mkdir -p -- {q}",
            "touch" => $"touch -- {q}",
            _ => null,
        };
        if (command is not null)
        {
            var r = await context.RunAsync(command, cancellationToken);
            if (!r.Succeeded)
            {
                return ModuleResult.Fail($"{command} failed: {r.Stderr.Trim()}", plan.Result);
            }
        }

        await Attributes.ApplyAsync(context, action.Path, action.Mode, action.Owner, action.Group, cancellationToken);
        return ModuleResult.Change(plan.Message.Replace("would ", string.Empty, StringComparison.Ordinal), new(plan.Result) { ["state"] = action.State == "touch" ? "file" : action.State });
    }

    private sealed record FileAction(string State, string Path, string? Mode, string? Owner, string? Group);
}

/// <summary><c>service</c>: systemd units through systemctl (started/stopped/restarted/reloaded, enabled).</summary>
internal sealed class ServiceModule : Module
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

        context.ReadResource("service:" + name);
        var q = ShellQuote.Quote(name);
        var probe = await context.RunAsync($"systemctl is-active {q}; systemctl is-enabled {q} 2>/dev/null || true", cancellationToken);
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

        return ModulePlan.WouldChange(
            $"would {string.Join(" and ", actions)} {name}",
            actions,
            [new ModuleDiff("service " + name) { AttributeChanges = changes }],
            ["service:" + name],
            result);
    }

    public override async Task<ModuleResult> ApplyAsync(ModuleContext context, ModulePlan plan, CancellationToken cancellationToken)
    {
        var name = context.Arguments.RequireString("name");
        foreach (var action in (List<string>)plan.State!)
        {
            var r = await context.RunAsync($"systemctl {action} {ShellQuote.Quote(name)}", cancellationToken);
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

        return ModuleResult.Change(plan.Message.Replace("would ", string.Empty, StringComparison.Ordinal), data);
    }
}

/// <summary>
/// <c>wait_for</c>: waits on the host until a port is open/closed, a path exists/is gone, or a regex appears
/// in a file. The waiting loop runs on the host in one command. It never changes anything; in check mode it
/// probes once and reports unknown when earlier changes of this run (not applied) could decide the outcome.
/// </summary>
internal sealed class WaitForModule : Module
{
    public override string Name => "wait_for";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add("host", ArgumentType.String, defaultValue: "127.0.0.1")
        .Add("port", ArgumentType.Integer)
        .Add("path", ArgumentType.String)
        .Add("state", ArgumentType.String, defaultValue: "started", choices: ["started", "present", "stopped", "absent"])
        .Add("search_regex", ArgumentType.String)
        .Add("timeout", ArgumentType.Integer, defaultValue: 300L)
        .Add("delay", ArgumentType.Integer, defaultValue: 0L)
        .Add("sleep", ArgumentType.Integer, defaultValue: 1L)
        .Add("msg", ArgumentType.String);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var condition = Condition(context, out var description);
        var timeout = args.GetInteger("timeout") ?? 300;
        var delay = args.GetInteger("delay") ?? 0;
        var sleep = Math.Max(1, args.GetInteger("sleep") ?? 1);
        if (context.Check && context.PendingChanges.Count > 0)
        {
            var once = await context.RunAsync($"if {condition}; then echo READY; else echo WAITING; fi", cancellationToken);
            return once.Stdout.Trim() == "READY"
                ? ModulePlan.NoChange($"{description} (already)")
                : ModulePlan.Unknown($"{description} does not hold yet, and earlier changes in this run (not applied in check mode) may decide it");
        }

        var script = new StringBuilder();
        if (delay > 0)
        {
            script.Append(CultureInfo.InvariantCulture, $"sleep {delay}; ");
        }

        script.Append(CultureInfo.InvariantCulture, $"end=$(( $(date +%s) + {timeout} )); n=0; ");
        script.Append(CultureInfo.InvariantCulture, $"while :; do n=$((n+1)); if {condition}; then echo READY $n; exit 0; fi; ");
        script.Append(CultureInfo.InvariantCulture, $"if [ $(date +%s) -ge $end ]; then echo TIMEOUT $n; exit 1; fi; sleep {sleep}; done");
        var start = context.TimeProvider.GetTimestamp();
        var result = await context.RunAsync(script.ToString(), cancellationToken, TimeSpan.FromSeconds(timeout + delay + 30));
        var elapsed = context.TimeProvider.GetElapsedTime(start).TotalSeconds;
        var data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["elapsed"] = Math.Round(elapsed, 3) };
        if (args.Has("port"))
        {
            data["port"] = args.GetInteger("port");
        }

        if (args.Has("path"))
        {
            data["path"] = args.GetString("path");
        }

        return result.Stdout.StartsWith("READY", StringComparison.Ordinal)
            ? ModulePlan.NoChange(description, data)
            : ModulePlan.Fail(args.GetString("msg") ?? $"timeout after {timeout}s waiting until {description}{(result.Stderr.Length > 0 ? ": " + result.Stderr.Trim() : string.Empty)}", data);
    }

    private static string Condition(ModuleContext context, out string description)
    {
        var args = context.Arguments;
        var state = args.GetString("state")!;
        var host = args.GetString("host")!;
        var present = state is "started" or "present";
        if (args.GetInteger("port") is { } port)
        {
            if (args.Has("path"))
            {
                throw context.Error("give either 'port' or 'path', not both");
            }

            description = $"port {host}:{port} is {(present ? "open" : "closed")}";
            var probe = $"timeout 2 bash -c {ShellQuote.Quote($"exec 3<>/dev/tcp/{host}/{port}")} 2>/dev/null";
            return present ? probe : $"! {probe}";
        }

        if (args.GetString("path") is { } path)
        {
            context.ReadResource(path);
            var q = ShellQuote.Quote(path);
            if (args.GetString("search_regex") is { } regex)
            {
                description = $"{path} contains /{regex}/";
                return present ? $"grep -Eq {ShellQuote.Quote(regex)} {q} 2>/dev/null" : $"! grep -Eq {ShellQuote.Quote(regex)} {q} 2>/dev/null";
            }

            description = $"{path} {(present ? "exists" : "is absent")}";
            return present ? $"[ -e {q} ]" : $"[ ! -e {q} ]";
        }

        throw context.Error("needs 'port' or 'path'");
    }
}
