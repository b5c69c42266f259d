using System.Globalization;
using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>
/// <c>freeswitch_facts</c>: reads the host's effective FreeSWITCH configuration and running state in two round trips
/// and sets the host variable <c>freeswitch</c> (the same data <c>gather_facts</c> puts under <c>ansible_facts.freeswitch</c>).
/// Read-only: the plan is always "no change".
/// </summary>
internal sealed class FreeSwitchFactsModule : Module
{
    public const string FactName = "freeswitch";

    public override string Name => "freeswitch_facts";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .AddConnectionArguments()
        .Add("bind_error_window", ArgumentType.Any)
        .Add("api", ArgumentType.Boolean, defaultValue: true);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var options = ModuleSupport.FactsOptions(context);
        options.BindErrorWindow = ModuleSupport.Seconds(context, "bind_error_window", TimeSpan.FromHours(24));
        if (options.BindErrorWindow <= TimeSpan.Zero)
        {
            throw context.Error("'bind_error_window' must be positive");
        }

        options.SkipApi = !context.Arguments.GetBool("api", true);
        var facts = await ModuleSupport.CollectAsync(context, options, cancellationToken);
        var plain = facts.ToPlain();
        return ModulePlan.NoChange(Summary(facts), new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ansible_facts"] = new Dictionary<string, object?>(StringComparer.Ordinal) { [FactName] = plain },
        });
    }

    internal static string Summary(FreeSwitchHostFacts facts)
    {
        if (facts.Config is not { } c)
        {
            return $"configuration not readable: {facts.ConfigError}";
        }

        var running = facts.Running ? $"running (pid {facts.Pid}{(facts.Version is null ? string.Empty : ", " + facts.Version)})" : "not running";
        var ports = facts.CaptureSockets.Count == 0 ? "none" : string.Join(",", facts.CaptureSockets.Select(s => s.LocalPort.ToString(CultureInfo.InvariantCulture)));
        var capture = c.CaptureServer is not null ? c.CaptureServerValue : c.CaptureServerValue is null ? "not set" : $"invalid ({c.CaptureServerError})";
        var esl = facts.EslError is null ? string.Empty : $"; ESL: {facts.EslError}";
        return $"FreeSWITCH {running}; RTP {c.RtpStartPort}-{c.RtpEndPort}{(c.RtpRangeIsDefault ? " (compiled default)" : string.Empty)}; "
            + $"robustness {(c.Robustness ? (facts.RobustnessInEffect ? "on (in effect)" : "on (restart pending)") : "off")}; capture-server {capture}; capture ports {ports}{esl}";
    }
}

/// <summary>The same facts for <c>gather_facts</c>, under <c>ansible_facts.freeswitch</c>. Set <c>freeswitch_gather_facts: false</c> on hosts to skip.</summary>
internal sealed class FreeSwitchFactProvider : IFactProvider
{
    public string Name => "freeswitch";

    public async Task<IReadOnlyDictionary<string, object?>> GatherAsync(FactContext context, CancellationToken cancellationToken)
    {
        if (context.HostVariables.TryGetValue("freeswitch_gather_facts", out var gather) && gather is false or "false" or "no")
        {
            return new Dictionary<string, object?>();
        }

        var options = new FreeSwitchFactsOptions();
        if (context.HostVariables.GetValueOrDefault("freeswitch_conf_dir") is string { Length: > 0 } conf && !conf.Contains("{{", StringComparison.Ordinal))
        {
            options.ConfDir = conf;
        }

        if (context.HostVariables.GetValueOrDefault("freeswitch_esl_password") is Core.Secrets.Secret secret)
        {
            options.EslPassword = secret;
        }

        try
        {
            var facts = await new FreeSwitchFactsCollector(options)
                .CollectAsync(new ConnectionShell(context.Connection, context.Become), cancellationToken);
            return new Dictionary<string, object?>(StringComparer.Ordinal) { [FreeSwitchFactsModule.FactName] = facts.ToPlain() };
        }
        catch (FactsException ex)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [FreeSwitchFactsModule.FactName] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = ex.Message },
            };
        }
    }
}
