using System.Globalization;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>Arguments and host variables the FreeSWITCH modules share, and how they become facts options.</summary>
internal static class ModuleSupport
{
    /// <summary>Resources the FreeSWITCH modules declare, so check mode knows what earlier tasks would change.</summary>
    public const string CaptureResource = "capture:freeswitch";

    public const string ReservedPortsResource = "sysctl:net.ipv4.ip_local_reserved_ports";

    public const string PortRangeResource = "sysctl:net.ipv4.ip_local_port_range";

    /// <summary>Adds the arguments that say where FreeSWITCH lives on the host and how to reach its event socket.</summary>
    public static ModuleArgumentSpec AddConnectionArguments(this ModuleArgumentSpec spec) => spec
        .Add("conf_dir", ArgumentType.String)
        .Add("log_file", ArgumentType.String)
        .Add("fs_cli", ArgumentType.String)
        .Add("api_client", ArgumentType.String, choices: ["esl", "fs_cli"])
        .Add("socket_table", ArgumentType.String, choices: ["auto", "ss", "proc"])
        .Add("esl_host", ArgumentType.String)
        .Add("esl_port", ArgumentType.Integer)
        .Add(new ArgumentDefinition("esl_password", ArgumentType.String) { Secret = true })
        .Add("service", ArgumentType.String);

    /// <summary>
    /// The facts options for a task: module arguments first, then the host's <c>freeswitch_*</c> variables
    /// (docs/freeswitch.md lists them), then the defaults.
    /// </summary>
    public static FreeSwitchFactsOptions FactsOptions(ModuleContext context)
    {
        var args = context.Arguments;
        var options = new FreeSwitchFactsOptions
        {
            ConfDir = args.GetString("conf_dir") ?? HostString(context, "freeswitch_conf_dir") ?? FreeSwitchFactsOptions.Auto,
            LogFile = args.GetString("log_file") ?? HostString(context, "freeswitch_log_file") ?? FreeSwitchFactsOptions.Auto,
            FsCliPath = args.GetString("fs_cli") ?? HostString(context, "freeswitch_fs_cli") ?? "fs_cli",
            ApiClient = (args.GetString("api_client") ?? HostString(context, "freeswitch_api_client")) switch
            {
                null or "esl" => ApiClient.Esl,
                "fs_cli" => ApiClient.FsCli,
                var other => throw context.Error($"api_client must be esl or fs_cli, but is '{other}'"),
            },
            SocketTable = args.GetString("socket_table") ?? HostString(context, "freeswitch_socket_table") ?? FreeSwitchFactsOptions.Auto,
            EslHost = args.GetString("esl_host") ?? HostString(context, "freeswitch_esl_host"),
            EslPort = args.GetInteger("esl_port") is { } port ? (int)port : HostInteger(context, "freeswitch_esl_port"),
            EslPassword = SecretArgument(context, "esl_password") ?? HostSecret(context, "freeswitch_esl_password"),
        };
        // Both reach the host on stdin, one per line: a value that is not one plain line would end the run, not the task.
        if (options.EslHost is { } host && !HostNames.IsValid(host))
        {
            throw context.Error($"'esl_host' (or freeswitch_esl_host) must be a DNS name, an IPv4 or an IPv6 address, but is '{host}'");
        }

        if (options.EslPassword is { } password && password.Reveal().Any(char.IsControl))
        {
            throw context.Error("'esl_password' (or freeswitch_esl_password) must be one line without control characters");
        }

        return options;
    }

    public static string ServiceName(ModuleContext context)
    {
        var name = context.Arguments.GetString("service") ?? HostString(context, "freeswitch_service") ?? "freeswitch";
        // systemctl would read it as an option; no unit name starts with '-'.
        return name.StartsWith('-') ? throw context.Error($"'service' (or freeswitch_service) must be a unit name, but '{name}' starts with '-'") : name;
    }

    /// <summary>Collects the facts, turning a failure of the script itself into a module failure.</summary>
    public static async Task<FreeSwitchHostFacts> CollectAsync(ModuleContext context, FreeSwitchFactsOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var facts = await new FreeSwitchFactsCollector(options).CollectAsync(new ModuleContextShell(context), cancellationToken);
            // The run's redactor learns the host's configuration credentials, as the sweep's does (one path for both).
            ConfigSecrets.Register(context.Redactor, facts);
            return facts;
        }
        catch (FactsException ex)
        {
            throw new ModuleException(ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            throw context.Error(ex.Message);
        }
    }

    /// <summary>The facts with a readable configuration, or a module failure naming the problem.</summary>
    public static FreeSwitchHostFacts RequireConfig(FreeSwitchHostFacts facts)
    {
        if (facts.Config is null)
        {
            throw new ModuleException($"the FreeSWITCH configuration cannot be read: {facts.ConfigError}");
        }

        return facts;
    }

    public static string? HostString(ModuleContext context, string name) =>
        Rendered(context, name) switch
        {
            null => null,
            Secret s => s.Reveal(),
            string s => s.Length == 0 ? null : s,
            var v => Convert.ToString(v, CultureInfo.InvariantCulture),
        };

    public static int? HostInteger(ModuleContext context, string name) =>
        Rendered(context, name) switch
        {
            long l => (int)l,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        };

    public static bool? HostBool(ModuleContext context, string name) =>
        Rendered(context, name) switch
        {
            bool b => b,
            string s when s.ToLowerInvariant() is "yes" or "true" or "on" or "1" => true,
            string s when s.ToLowerInvariant() is "no" or "false" or "off" or "0" => false,
            _ => null,
        };

    public static Secret? HostSecret(ModuleContext context, string name) =>
        Rendered(context, name) switch
        {
            Secret s => s,
            string { Length: > 0 } s => new Secret(s),
            _ => null,
        };

    public static Secret? SecretArgument(ModuleContext context, string name) =>
        context.Arguments.Get(name) switch
        {
            Secret s => s,
            string { Length: > 0 } s => new Secret(s),
            _ => null,
        };

    /// <summary>A duration argument given in seconds (integer or decimal), or the default.</summary>
    public static TimeSpan Seconds(ModuleContext context, string name, TimeSpan fallback)
    {
        var value = context.Arguments.Get(name);
        double seconds;
        switch (value)
        {
            case null:
                return fallback;
            case long l:
                seconds = l;
                break;
            case double d:
                seconds = d;
                break;
            case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                seconds = parsed;
                break;
            default:
                throw context.Error($"'{name}' must be a number of seconds, but is '{value}'");
        }

        if (seconds < 0 || double.IsNaN(seconds) || seconds > 86400)
        {
            throw context.Error($"'{name}' must be between 0 and 86400 seconds, but is {seconds.ToString(CultureInfo.InvariantCulture)}");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>rtcp: auto (from the profiles), yes or no.</summary>
    public static bool? Rtcp(ModuleContext context) => context.Arguments.GetString("rtcp") switch
    {
        null or "auto" => null,
        "yes" or "true" => true,
        _ => false,
    };

    /// <summary>The fs_cli endpoint as the collector would use it.</summary>
    public static EslEndpoint Endpoint(FreeSwitchFactsOptions options, FreeSwitchHostFacts? facts) =>
        new FreeSwitchFactsCollector(options).Endpoint(facts?.Config);

    /// <summary>Runs API commands in one round trip (one ESL connection, or fs_cli per command), password on stdin.</summary>
    public static async Task<List<FsCliReply>> ApiAsync(
        ModuleContext context, FreeSwitchFactsOptions options, EslEndpoint endpoint, IReadOnlyList<string> commands, CancellationToken cancellationToken, ApiClient? client = null)
    {
        var result = await context.RunAsync(
            RemoteCommand.Script(FsCli.Batch(options.FsCliPath, commands, client ?? options.ApiClient)), cancellationToken, options.CommandTimeout, FsCli.Credentials(endpoint));
        if (result.ExitCode == 97)
        {
            throw new ModuleException($"could not prepare the fs_cli config on the host: {result.Stderr.Trim()}");
        }

        return FsCli.ParseBatch(result.Stdout, commands);
    }

    private static object? Rendered(ModuleContext context, string name) =>
        context.TryGetVariable(name, out _) ? context.EvaluateExpression(name) : null;
}
