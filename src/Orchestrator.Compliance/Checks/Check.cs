using Orchestrator.Compliance.Facts;
using Orchestrator.Compliance.Results;

namespace Orchestrator.Compliance.Checks;

/// <summary>A check of one control, built from the policy's <c>check:</c> mapping. Evaluates facts; never runs commands itself.</summary>
internal abstract class Check
{
    public abstract string TypeName { get; }

    /// <summary>Commands this check needs run in the facts batch (service and command checks).</summary>
    public virtual IEnumerable<ProbeRequest> Probes => [];

    /// <summary>The log window this check needs bind errors counted over, if any.</summary>
    public virtual TimeSpan? BindErrorWindow => null;

    public abstract CheckOutcome Evaluate(HostFacts facts);
}

/// <summary>What a check concluded, before waivers are applied.</summary>
internal sealed record CheckOutcome(ControlStatus Status, string Message, Dictionary<string, object?> Evidence)
{
    public static CheckOutcome Pass(string message, Dictionary<string, object?> evidence) => new(ControlStatus.Pass, message, evidence);

    public static CheckOutcome Fail(string message, Dictionary<string, object?> evidence) => new(ControlStatus.Fail, message, evidence);

    public static CheckOutcome Error(string message, Dictionary<string, object?>? evidence = null) => new(ControlStatus.Error, message, evidence ?? []);

    public static CheckOutcome Skipped(string message, Dictionary<string, object?>? evidence = null) => new(ControlStatus.Skipped, message, evidence ?? []);
}

/// <summary>Helpers shared by the FreeSWITCH checks.</summary>
internal static class FactGuards
{
    /// <summary>An error outcome when the configuration could not be read.</summary>
    public static CheckOutcome? NeedConfiguration(HostFacts facts) =>
        facts.Configuration is null
            ? CheckOutcome.Error($"the FreeSWITCH configuration could not be read: {facts.ConfigurationError ?? "unknown reason"}")
            : null;

    /// <summary>An error outcome when a named fact failed to gather.</summary>
    public static CheckOutcome? NeedFact(HostFacts facts, string fact) =>
        facts.GatherErrors.TryGetValue(fact, out var why) ? CheckOutcome.Error($"fact '{fact}' could not be gathered: {why}") : null;

    /// <summary>A skipped outcome when FreeSWITCH is not running (a runtime check has nothing to look at).</summary>
    public static CheckOutcome? NeedRunning(HostFacts facts) =>
        facts.FreeSwitchRunning ? null : CheckOutcome.Skipped("FreeSWITCH is not running", new() { ["freeswitch_running"] = false });

    public static List<object?> Ranges(IEnumerable<PortRange> ranges) => ranges.Select(r => (object?)r.ToString()).ToList();
}
