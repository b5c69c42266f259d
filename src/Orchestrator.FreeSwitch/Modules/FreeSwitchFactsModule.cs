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
