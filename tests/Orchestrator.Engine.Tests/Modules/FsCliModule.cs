using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;

namespace Orchestrator.Engine.Tests.Modules;

// The example of docs/modules.md ("Writing a module"): the doc shows this file from the class on, and
// WritingAModuleTests checks that the two are the same and that the module works as the doc says.

public sealed class FsCliModule : Module<string>
{
    public override string Name => "fs_cli";

    // Checked at load time: unknown names, literal types, required arguments and choices are errors
    // with file:line:column before any host is touched.
    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { FreeForm = "command" }
        .Add("command", ArgumentType.String, required: true)
        .Add(new ArgumentDefinition("password", ArgumentType.String) { Secret = true }); // redacted everywhere

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var command = context.Arguments.RequireString("command");
        if (command.StartsWith("show ", StringComparison.Ordinal))
        {
            // A read-only command can run while planning: its result is known, and it changes nothing.
            var r = await context.RunAsync(RemoteCommand.Script("fs_cli -x \"$1\"", command), cancellationToken);
            return r.Succeeded
                ? ModulePlan.NoChange("read-only command", new() { ["stdout"] = r.Stdout })
                : ModulePlan.Fail(r.Stderr);
        }

        // The state (the command) reaches ApplyAsync typed. ApplyAsync is never called in check mode,
        // where this plan shows as "unknown".
        return Unknown($"cannot predict the effect of fs_cli -x {command}", command);
    }

    protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, string command, ModulePlan plan, CancellationToken cancellationToken)
    {
        var r = await context.RunAsync(RemoteCommand.Script("fs_cli -x \"$1\"", command), cancellationToken);
        if (r.ExitCode == 127)
        {
            // The task fails with this message and the run goes on, as for ModuleResult.Fail.
            throw new ModuleException($"fs_cli is not installed on {context.HostName}");
        }

        return r.Succeeded
            ? ModuleResult.Change($"ran fs_cli -x {command}", new() { ["stdout"] = r.Stdout })
            : ModuleResult.Fail(r.Stderr.Trim());
    }
}
