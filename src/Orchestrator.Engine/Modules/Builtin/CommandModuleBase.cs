using System.Globalization;
using Orchestrator.Core.Shell;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// <c>command</c> and <c>shell</c>. Their effect cannot be predicted, so without <c>creates</c>/<c>removes</c>
/// the plan is unknown (check mode reports it instead of skipping silently). With them, the plan is
/// "no change" when the path already exists (creates) or is already gone (removes).
/// </summary>
internal abstract class CommandModuleBase : Module<string>
{
    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { FreeForm = "cmd" }
        .Add("cmd", ArgumentType.String)
        .Add("argv", ArgumentType.List)
        .Add("chdir", ArgumentType.String)
        .Add("creates", ArgumentType.String)
        .Add("removes", ArgumentType.String)
        .Add("stdin", ArgumentType.String)
        .Add("executable", ArgumentType.String);

    protected abstract bool UsesShell { get; }

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var command = BuildCommand(context).Display;
        var creates = args.GetString("creates");
        var removes = args.GetString("removes");
        if (creates is not null || removes is not null)
        {
            var path = creates ?? removes!;
            context.ReadResource(path);
            var probe = await context.RunAsync(RemoteCommand.Script("[ -e \"$1\" ] && echo yes || echo no", path), cancellationToken);
            var exists = probe.Stdout.Trim() == "yes";
            if (creates is not null && exists)
            {
                return ModulePlan.NoChange($"skipped, since {creates} exists", new() { ["cmd"] = command, ["rc"] = 0L });
            }

            if (removes is not null && !exists)
            {
                return ModulePlan.NoChange($"skipped, since {removes} does not exist", new() { ["cmd"] = command, ["rc"] = 0L });
            }

            return WouldChange(
                creates is not null ? $"would run (since {creates} does not exist): {command}" : $"would run (since {removes} exists): {command}",
                command,
                touches: [path],
                resultPredictable: false);
        }

        return Unknown($"cannot predict the effect of: {command}", command);
    }

    protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, string command, ModulePlan plan, CancellationToken cancellationToken)
    {
        var run = BuildCommand(context).Run;
        var stdin = context.Arguments.GetString("stdin") is { } s ? new Core.Secrets.Secret(s) : null;
        var start = context.TimeProvider.GetTimestamp();
        CommandResult result;
        string? asyncJob = null;
        if (context.Async is { } async)
        {
            if (stdin is not null)
            {
                throw context.Error("'stdin' cannot be combined with 'async'");
            }

            var jid = await AsyncJob.StartAsync(context, run, async.Seconds, cancellationToken);
            if (async.Poll == 0)
            {
                // Fire and forget: async_status reads the job later.
                return ModuleResult.Change($"started job {jid}", new() { ["cmd"] = command, ["ansible_job_id"] = jid, ["started"] = 1L, ["finished"] = 0L, ["results_file"] = $"~/.ansible_async/{jid}" });
            }

            if (await AsyncJob.WaitAsync(context, jid, async, cancellationToken) is not { } finished)
            {
                return ModuleResult.Fail($"async task did not complete within the requested time - {async.Seconds}s", new() { ["cmd"] = command, ["ansible_job_id"] = jid });
            }

            result = finished;
            asyncJob = jid;
        }
        else
        {
            result = await context.RunAsync(run, cancellationToken, stdin: stdin);
        }

        var elapsed = context.TimeProvider.GetElapsedTime(start);
        var data = ResultData(result);
        data["cmd"] = command;
        data["delta"] = elapsed.ToString("c", CultureInfo.InvariantCulture);
        if (asyncJob is not null)
        {
            // A polled job's result, as Ansible's: the job id and its finished state with the command's.
            data["ansible_job_id"] = asyncJob;
            data["started"] = 1L;
            data["finished"] = 1L;
        }
        return result.ExitCode == 0
            ? ModuleResult.Change(string.Empty, data)
            : new ModuleResult { Changed = true, Failed = true, Message = "non-zero return code", Data = data };
    }

    /// <summary>rc, stdout, stderr and their lines, as command and async_status report them.</summary>
    internal static Dictionary<string, object?> ResultData(CommandResult result) => new(StringComparer.Ordinal)
    {
        ["rc"] = (long)result.ExitCode,
        ["stdout"] = result.Stdout.TrimEnd('\n'),
        ["stderr"] = result.Stderr.TrimEnd('\n'),
        ["stdout_lines"] = Lines(result.Stdout),
        ["stderr_lines"] = Lines(result.Stderr),
    };

    private static List<object?> Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n').Select(l => (object?)l.TrimEnd('\r')).ToList();

    /// <summary>
    /// The command as shown in results (<c>cmd</c>) and as run: <c>command</c>'s words and <c>executable</c> travel as
    /// positional parameters, and so does <c>chdir</c> (shifted away before the command runs, so a <c>shell</c> command
    /// sees no parameters). Only <c>shell</c>'s own command is script text: it is code by definition.
    /// </summary>
    private (string Display, RemoteCommand Run) BuildCommand(ModuleContext context)
    {
        var args = context.Arguments;
        string display;
        string body;
        List<string> values;
        if (args.GetList("argv") is { } argv)
        {
            values = argv.Select(a => Templating.PlainData.ToText(a)).ToList();
            (display, body) = (ShellQuote.Join(values), "\"$@\"");
        }
        else
        {
            var cmd = args.GetString("cmd");
            if (string.IsNullOrWhiteSpace(cmd))
            {
                throw context.Error("needs a command (free-form text, 'cmd' or 'argv')");
            }

            if (!UsesShell)
            {
                // command: no shell features; each word is passed as one argument, like Ansible's command module.
                values = SplitWords(cmd, context);
                (display, body) = (ShellQuote.Join(values), "\"$@\"");
            }
            else if (args.GetString("executable") is { } exe)
            {
                values = [exe, cmd];
                (display, body) = ($"{ShellQuote.Quote(exe)} -c {ShellQuote.Quote(cmd)}", "\"$1\" -c \"$2\"");
            }
            else
            {
                (display, body, values) = (cmd, cmd, []);
            }
        }

        if (args.GetString("chdir") is { } chdir)
        {
            body = "cd -- \"$1\" || exit\nshift\n" + body;
            values.Insert(0, chdir);
        }

        return (display, RemoteCommand.Script(body, values));
    }

    /// <summary>The command's words as Ansible's command module splits them (Python's shlex.split).</summary>
    internal static List<string> SplitWords(string text, ModuleContext context)
    {
        try
        {
            return Shlex.Split(text);
        }
        catch (ShlexException e)
        {
            throw context.Error(e.Kind == ShlexErrorKind.UnclosedQuote ? $"unclosed {text[e.Index]} quote in the command" : $"{e.Message} in the command");
        }
    }
}
