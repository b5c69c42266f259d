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
            ? CheckOutcome.Error(WithHint($"the FreeSWITCH configuration could not be read: {fs.ConfigError ?? "unknown reason"}"), new() { ["conf_dir"] = fs.ConfDir })
            : null;
    }

    /// <summary>
    /// A skipped outcome when FreeSWITCH is not running (a runtime check has nothing to look at); an error when whether it
    /// runs could not be read (no pgrep): "could not look" is not "not running".
    /// </summary>
    public static CheckOutcome? NeedRunning(FreeSwitchHostFacts fs)
    {
        if (fs.Running)
        {
            return null;
        }

        return fs.ProcessUnreadable is { } why
            ? Unreadable("whether FreeSWITCH runs", why)
            : CheckOutcome.Skipped("FreeSWITCH is not running", new() { ["freeswitch_running"] = false });
    }

    /// <summary>The error outcome for a fact that could not be read: what is unknown, why, and what to do about it.</summary>
    public static CheckOutcome Unreadable(string what, string why, Dictionary<string, object?>? evidence = null)
    {
        evidence ??= [];
        evidence["unreadable"] = why;
        return CheckOutcome.Error(WithHint($"cannot tell {what}: {why}"), evidence);
    }

    /// <summary>
    /// <paramref name="message"/> with what to do about it: a permission problem needs <c>--become</c> (or FreeSWITCH's
    /// user), a missing tool needs installing; a message that already says what to do is left as it is.
    /// </summary>
    public static string WithHint(string message)
    {
        if (message.Contains("--become", StringComparison.Ordinal))
        {
            return message;
        }

        if (message.Contains("permission denied", StringComparison.OrdinalIgnoreCase) || message.Contains("cannot read", StringComparison.OrdinalIgnoreCase))
        {
            return message + "; run the sweep with --become (sudo), or log in as a user who may read it";
        }

        return message.Contains("missing tool", StringComparison.OrdinalIgnoreCase)
            ? message + "; install it on the host (or put it in sudo's secure_path / the login PATH)"
            : message;
    }

    public static string? Time(double? unixSeconds) =>
        unixSeconds is { } s ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) : null;
}
