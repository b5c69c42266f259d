using Orchestrator.Compliance.Facts;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.Compliance.Checks;

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
