using System.Globalization;
using Orchestrator.Core.Shell;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>
/// <c>freeswitch_restart</c>: a drained restart. It restarts only when needed: when the file holding switch.conf's
/// settings (RTP range, robustness: read at start only, facts §5) changed after the running process started, or
/// <c>force: true</c>. Then it waits until <c>show calls count</c> is 0 (or <c>drain_timeout</c> passes), restarts
/// the service, and waits until the profiles that ran before are RUNNING again under a new process.
/// </summary>
internal sealed class FreeSwitchRestartModule : Module<PlannedRestart>
{
    public override string Name => "freeswitch_restart";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .AddConnectionArguments()
        .Add("force", ArgumentType.Boolean, defaultValue: false)
        .Add("drain_timeout", ArgumentType.Any)
        .Add("drain_poll", ArgumentType.Any)
        .Add("wait_timeout", ArgumentType.Any)
        .Add("restart_command", ArgumentType.String);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var options = ModuleSupport.FactsOptions(context);
        var facts = ModuleSupport.RequireConfig(await ModuleSupport.CollectAsync(context, options, cancellationToken));
        var service = ModuleSupport.ServiceName(context);
        if (!facts.Running)
        {
            return ModulePlan.Fail($"FreeSWITCH is not running on {context.HostName}: nothing to restart (start it with the service module: {service})");
        }

        var file = facts.Config!.SwitchSettingsFile;
        var started = Time(facts.StartedAt);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["pid"] = (long)facts.Pid!.Value,
            ["started_at"] = facts.StartedAt,
            ["switch_settings_file"] = file,
        };
        string? why = null;
        if (context.Arguments.GetBool("force"))
        {
            why = "force is set";
        }
        else if (file is not null && context.PendingChanges.Contains(file))
        {
            why = $"{file} would change (an earlier task of this run) and switch.conf settings are read at start only";
        }
        else if (facts.SwitchConfigPendingRestart)
        {
            why = $"{file} changed after the running process started ({started}); switch.conf settings are read at start only";
        }

        if (why is null)
        {
            return ModulePlan.NoChange($"FreeSWITCH (pid {facts.Pid}, started {started}) already runs with the current switch.conf settings", result);
        }

        var drain = ModuleSupport.Seconds(context, "drain_timeout", TimeSpan.FromMinutes(5));
        return WouldChange(
            $"would restart {service} after draining calls (up to {Seconds(drain)}) because {why}",
            new PlannedRestart(facts, options, service),
            [new ModuleDiff("service " + service) { AttributeChanges = [$"restart (drained): pid {facts.Pid} started {started} -> a new process"] }],
            ["service:" + service, ModuleSupport.CaptureResource],
            result,
            resultPredictable: false);
    }

    protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, PlannedRestart planned, ModulePlan plan, CancellationToken cancellationToken)
    {
        var time = context.TimeProvider;
        var drainTimeout = ModuleSupport.Seconds(context, "drain_timeout", TimeSpan.FromMinutes(5));
        var drainPoll = ModuleSupport.Seconds(context, "drain_poll", TimeSpan.FromSeconds(2));
        var waitTimeout = ModuleSupport.Seconds(context, "wait_timeout", TimeSpan.FromMinutes(2));
        var endpoint = ModuleSupport.Endpoint(planned.Options, planned.Facts);
        var data = new Dictionary<string, object?>(plan.Result, StringComparer.Ordinal);

        // 1. Drain: wait for "show calls count" to reach 0, or the timeout.
        var drainStart = time.GetTimestamp();
        long? calls;
        while (true)
        {
            var reply = (await ModuleSupport.ApiAsync(context, planned.Options, endpoint, ["show calls count"], cancellationToken))[0];
            if (reply.Failed)
            {
                return ModuleResult.Fail($"cannot count calls before the restart: {reply.Body.Trim()}", data);
            }

            calls = FsCliOutputParsers.ParseCallsCount(reply.Body);
            if (calls is 0 || time.GetElapsedTime(drainStart) >= drainTimeout)
            {
                break;
            }

            await Task.Delay(drainPoll <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : drainPoll, time, cancellationToken);
        }

        data["drained"] = calls is 0;
        data["calls_at_restart"] = calls;
        data["drain_seconds"] = Math.Round(time.GetElapsedTime(drainStart).TotalSeconds, 3);

        // 2. Restart the service.
        var before = planned.Facts.SofiaStatus.Where(r => r.IsRunning).Select(r => r.Name).ToList();
        // restart_command is a command line of the user's, code by design (as shell's); the service name is a value.
        var custom = context.Arguments.GetString("restart_command");
        var command = custom ?? $"systemctl restart {ShellQuote.Quote(planned.Service)}";
        var restartStart = time.GetTimestamp();
        var restart = await context.RunAsync(
            custom is null ? RemoteCommand.Script("systemctl restart \"$1\"", planned.Service) : RemoteCommand.Script(custom), cancellationToken, waitTimeout + TimeSpan.FromSeconds(30));
        if (!restart.Succeeded)
        {
            return ModuleResult.Fail($"{command} failed (rc={restart.ExitCode}): {(restart.Stderr + restart.Stdout).Trim()}", data);
        }

        // 3. Wait for a new process whose profiles (those that ran before) are RUNNING again.
        var sockets = FactsScripts.Sockets(planned.Options.SocketTable);
        string last = "no answer yet";
        while (true)
        {
            var probe = await context.RunAsync(RemoteCommand.Script(sockets), cancellationToken, planned.Options.CommandTimeout);
            var pid = FreeSwitchFactsCollector.ParseSockets(RemoteScript.SplitToMap(probe.Stdout)).Pid;
            if (pid is not null && pid != planned.Facts.Pid)
            {
                var status = (await ModuleSupport.ApiAsync(context, planned.Options, endpoint, ["sofia status"], cancellationToken))[0];
                if (!status.Failed)
                {
                    var rows = FsCliOutputParsers.ParseSofiaStatus(status.Body);
                    var running = rows.Where(r => r.IsRunning).Select(r => r.Name).ToList();
                    var missing = before.Except(running, StringComparer.OrdinalIgnoreCase).ToList();
                    if (missing.Count == 0 && running.Count > 0)
                    {
                        data["new_pid"] = (long)pid.Value;
                        data["profiles"] = running.Select(r => (object?)r).ToList();
                        data["restart_seconds"] = Math.Round(time.GetElapsedTime(restartStart).TotalSeconds, 3);
                        var drained = calls is 0 ? "drained" : $"drain timed out with {calls} call(s) up";
                        return ModuleResult.Change(
                            $"restarted {planned.Service} ({drained}): pid {planned.Facts.Pid} -> {pid}, profiles RUNNING: {string.Join(", ", running)}",
                            data);
                    }

                    last = $"profiles not RUNNING yet: {string.Join(", ", missing)}";
                }
                else
                {
                    last = status.Body.Trim();
                }
            }
            else
            {
                last = pid is null ? "no freeswitch process" : $"still the old process (pid {pid})";
            }

            if (time.GetElapsedTime(restartStart) >= waitTimeout)
            {
                return new ModuleResult { Changed = true, Failed = true, Message = $"restarted {planned.Service}, but it was not back within {Seconds(waitTimeout)}: {last}", Data = data };
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }
    }

    private static string Time(double? unixSeconds) =>
        unixSeconds is { } s
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000)).ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture)
            : "at an unknown time";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
