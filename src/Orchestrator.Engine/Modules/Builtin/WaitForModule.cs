using System.Globalization;
using System.Text;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

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
        var condition = Condition(context, out var description, out var values);
        var timeout = args.GetInteger("timeout") ?? 300;
        var delay = args.GetInteger("delay") ?? 0;
        var sleep = Math.Max(1, args.GetInteger("sleep") ?? 1);
        if (context.Check && context.PendingChanges.Count > 0)
        {
            var once = await context.RunAsync(RemoteCommand.Script($"if {condition}; then echo READY; else echo WAITING; fi", values), cancellationToken);
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
        var result = await context.RunAsync(RemoteCommand.Script(script.ToString(), values), cancellationToken, TimeSpan.FromSeconds(timeout + delay + 30));
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

    /// <summary>
    /// The shell condition (constant text) and the values it reads as positional parameters: host and port, or path and
    /// regex. Host and port reach bash's <c>/dev/tcp</c> as bash's own parameters, never as script text.
    /// </summary>
    private static string Condition(ModuleContext context, out string description, out string[] values)
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

            if (port is < 1 or > 65535)
            {
                throw context.Error($"'port' must be from 1 to 65535, but is {port}");
            }

            if (!HostNames.IsValid(host))
            {
                throw context.Error($"'host' must be a DNS name, an IPv4 or an IPv6 address, but is '{host}'");
            }

            description = $"port {host}:{port} is {(present ? "open" : "closed")}";
            values = [host, port.ToString(CultureInfo.InvariantCulture)];
            const string probe = "timeout 2 bash -c 'exec 3<>\"/dev/tcp/$1/$2\"' bash \"$1\" \"$2\" 2>/dev/null";
            return present ? probe : $"! {probe}";
        }

        if (args.GetString("path") is { } path)
        {
            context.ReadResource(path);
            if (args.GetString("search_regex") is { } regex)
            {
                description = $"{path} contains /{regex}/";
                values = [path, regex];
                return present ? "grep -Eq -e \"$2\" -- \"$1\" 2>/dev/null" : "! grep -Eq -e \"$2\" -- \"$1\" 2>/dev/null";
            }

            description = $"{path} {(present ? "exists" : "is absent")}";
            values = [path];
            return present ? "[ -e \"$1\" ]" : "[ ! -e \"$1\" ]";
        }

        throw context.Error("needs 'port' or 'path'");
    }
}
