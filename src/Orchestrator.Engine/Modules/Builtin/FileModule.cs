using Orchestrator.Core.Shell;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>file</c>: a directory exists, a path is absent, a file is touched, or a file's mode/owner/group.</summary>
internal sealed class FileModule : Module<FileAction>
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
        FileAction Action(string verb) => new(want, path, mode, owner, group, new ChangeSummary(verb, path));
        switch (want)
        {
            case "absent":
                return state.Exists
                    ? Planned(Action("remove") with { Mode = null, Owner = null, Group = null }, [$"state: {result["state"]} -> absent"], result)
                    : ModulePlan.NoChange($"{path} is absent", result);
            case "directory":
                if (state.Exists && !state.IsDirectory)
                {
                    return ModulePlan.Fail($"{path} exists and is a {state.Type}, not a directory");
                }

                var dirChanges = state.Exists ? state.AttributeChanges(mode, owner, group) : [$"state: absent -> directory", .. RemoteFileState.Absent.AttributeChanges(mode, owner, group)];
                return dirChanges.Count == 0
                    ? ModulePlan.NoChange($"{path} is a directory", result)
                    : Planned(Action(state.Exists ? "change" : "create directory"), dirChanges, result);
            case "touch":
                var touchChanges = state.Exists ? state.AttributeChanges(mode, owner, group) : [$"state: absent -> file", .. RemoteFileState.Absent.AttributeChanges(mode, owner, group)];
                touchChanges.Insert(0, "times: updated");
                return Planned(Action(state.Exists ? "touch" : "create"), touchChanges, result);
            default:
                if (!state.Exists)
                {
                    return ModulePlan.Fail($"{path} does not exist (use state: touch to create it)");
                }

                var changes = state.AttributeChanges(mode, owner, group);
                return changes.Count == 0
                    ? ModulePlan.NoChange($"{path} is as wanted", result)
                    : Planned(Action("change"), changes, result);
        }
    }

    protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, FileAction action, ModulePlan plan, CancellationToken cancellationToken)
    {
        var command = action.State switch
        {
            "absent" => "rm -rf --",
            "directory" => "mkdir -p --",
            "touch" => "touch --",
            _ => null,
        };
        if (command is not null)
        {
            var r = await context.RunAsync(RemoteCommand.Script(command + " \"$1\"", action.Path), cancellationToken);
            if (!r.Succeeded)
            {
                return ModuleResult.Fail($"{command} {ShellQuote.Quote(action.Path)} failed: {r.Stderr.Trim()}", plan.Result);
            }
        }

        await Attributes.ApplyAsync(context, action.Path, action.Mode, action.Owner, action.Group, cancellationToken);
        return ModuleResult.Change(action.Change.Applied, new(plan.Result) { ["state"] = action.State == "touch" ? "file" : action.State });
    }

    private static ModulePlan Planned(FileAction action, List<string> changes, Dictionary<string, object?> result) =>
        WouldChange(action.Change.Planned, action, [new ModuleDiff(action.Path) { AttributeChanges = changes }], [action.Path], result);
}
