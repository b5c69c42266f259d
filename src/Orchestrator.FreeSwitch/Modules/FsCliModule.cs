using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>
/// <c>fs_cli</c>: runs an API command through the host's real fs_cli. The ESL password goes to fs_cli through a
/// config file fed on stdin (never argv, never logged). The reply is <c>stdout</c>; a reply starting <c>-ERR</c>
/// (or an fs_cli failure) fails the task. Read-only commands (status, show, version, global_getvar, ...) run in
/// check mode too and report "ok"; others are unknown in check mode and "changed" when run, unless
/// <c>changed_when</c> says otherwise.
/// </summary>
internal sealed class FsCliModule : Module<string>
{
    private static readonly string[] ReadOnlyPrefixes =
    [
        "status", "version", "uptime", "hostname", "show ", "sofia status", "sofia xmlstatus", "global_getvar", "eval ", "list_users",
        "db_cache status", "fsctl loglevel", "module_exists", "help",
    ];

    public override string Name => "fs_cli";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { FreeForm = "command" }
        .Add("command", ArgumentType.String, required: true)
        .Add("read_only", ArgumentType.Boolean)
        .AddConnectionArguments();

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var command = context.Arguments.RequireString("command").Trim();
        if (command.Contains('\n', StringComparison.Ordinal))
        {
            throw context.Error("'command' must be one API command on one line");
        }

        var readOnly = context.Arguments.Has("read_only")
            ? context.Arguments.GetBool("read_only")
            : ReadOnlyPrefixes.Any(p => command.Equals(p.Trim(), StringComparison.OrdinalIgnoreCase) || command.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        if (!readOnly)
        {
            return Unknown(context.Check ? $"cannot predict the effect of fs_cli -x '{command}'" : $"would run fs_cli -x '{command}'", command);
        }

        var reply = await RunAsync(context, command, cancellationToken);
        var data = Data(reply);
        return reply.Failed ? ModulePlan.Fail(Failure(reply), data) : ModulePlan.NoChange($"fs_cli -x '{command}'", data);
    }

    protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, string command, ModulePlan plan, CancellationToken cancellationToken)
    {
        var reply = await RunAsync(context, command, cancellationToken);
        var data = Data(reply);
        return reply.Failed
            ? new ModuleResult { Changed = !reply.ClientFailed, Failed = true, Message = Failure(reply), Data = data }
            : ModuleResult.Change($"fs_cli -x '{command}'", data);
    }

    private static async Task<FsCliReply> RunAsync(ModuleContext context, string command, CancellationToken cancellationToken)
    {
        var options = ModuleSupport.FactsOptions(context);
        var endpoint = await EndpointAsync(context, options, cancellationToken);
        // This module is "fs_cli": it always runs the host's real fs_cli.
        return (await ModuleSupport.ApiAsync(context, options, endpoint, [command], cancellationToken, ApiClient.FsCli))[0];
    }

    /// <summary>
    /// Where fs_cli connects and with which password: explicit arguments and <c>freeswitch_esl_*</c> variables, else
    /// the <c>freeswitch</c> facts of this run, else the host's event_socket.conf read now (one round trip).
    /// </summary>
    private static async Task<EslEndpoint> EndpointAsync(ModuleContext context, FreeSwitchFactsOptions options, CancellationToken cancellationToken)
    {
        if (options.EslPassword is not null && options.EslHost is not null && options.EslPort is not null)
        {
            return ModuleSupport.Endpoint(options, null);
        }

        if (context.TryGetVariable(FreeSwitchFactsModule.FactName, out var raw) && raw is Dictionary<string, object?> facts
            && facts.GetValueOrDefault("esl") is Dictionary<string, object?> esl && esl.GetValueOrDefault("password") is Core.Secrets.Secret password)
        {
            var host = options.EslHost ?? EslEndpoint.ConnectHost(esl.GetValueOrDefault("listen_ip") as string);
            var port = options.EslPort ?? (esl.GetValueOrDefault("listen_port") is long p ? (int)p : 8021);
            return new EslEndpoint(host, port, options.EslPassword ?? password);
        }

        options.SkipApi = true;
        var read = await ModuleSupport.CollectAsync(context, options, cancellationToken);
        return ModuleSupport.Endpoint(options, read);
    }

    private static Dictionary<string, object?> Data(FsCliReply reply) => new(StringComparer.Ordinal)
    {
        ["command"] = reply.Command,
        ["stdout"] = reply.Body,
        ["stdout_lines"] = reply.Body.Length == 0 ? new List<object?>() : reply.Body.Split('\n').Select(l => (object?)l.TrimEnd('\r')).ToList(),
        ["rc"] = (long)reply.ExitCode,
    };

    private static string Failure(FsCliReply reply) =>
        reply.ClientFailed
            ? $"fs_cli failed (exit {reply.ExitCode}): {reply.Body.Trim()}"
            : $"fs_cli -x '{reply.Command}' answered {reply.Body.Trim()}";
}
