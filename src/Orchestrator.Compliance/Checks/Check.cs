using Orchestrator.Compliance.Facts;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Facts;
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

    /// <summary>True when the check reads arbitrary params of the whole configuration.</summary>
    public virtual bool NeedsConfiguration => false;

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

/// <summary>Helpers shared by the FreeSWITCH checks: each returns the outcome to report when a fact is missing.</summary>
internal static class FactGuards
{
    /// <summary>The FreeSWITCH facts, or an error outcome when they could not be gathered.</summary>
    public static CheckOutcome? NeedFreeSwitch(HostFacts facts, out FreeSwitchHostFacts fs)
    {
        fs = facts.FreeSwitch!;
        return facts.FreeSwitch is null
            ? CheckOutcome.Error($"the FreeSWITCH facts could not be gathered: {facts.FreeSwitchError ?? "unknown reason"}")
            : null;
    }

    /// <summary>The effective settings, or an error outcome when the configuration could not be read.</summary>
    public static CheckOutcome? NeedConfiguration(HostFacts facts, out FreeSwitchHostFacts fs, out EffectiveSettings config)
    {
        config = null!;
        if (NeedFreeSwitch(facts, out fs) is { } missing)
        {
            return missing;
        }

        config = fs.Config!;
        return fs.Config is null
            ? CheckOutcome.Error($"the FreeSWITCH configuration could not be read: {fs.ConfigError ?? "unknown reason"}", new() { ["conf_dir"] = fs.ConfDir })
            : null;
    }

    /// <summary>A skipped outcome when FreeSWITCH is not running (a runtime check has nothing to look at).</summary>
    public static CheckOutcome? NeedRunning(FreeSwitchHostFacts fs) =>
        fs.Running ? null : CheckOutcome.Skipped("FreeSWITCH is not running", new() { ["freeswitch_running"] = false });

    public static string? Time(double? unixSeconds) =>
        unixSeconds is { } s ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) : null;
}
