using System.Globalization;
using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

/// <summary>
/// <c>robustness</c>: <c>rtp-port-usage-robustness</c> is configured as expected and, when on, in effect: switch.conf is
/// read at core start only (§5), so the running process must have started after the file that sets it last changed.
/// </summary>
internal sealed class RobustnessCheck(bool expected, bool requireInEffect) : Check
{
    public const string Name = "robustness";
    private const string Param = "rtp-port-usage-robustness";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "rtp-port-usage-robustness is configured (default: true) and in effect (FreeSWITCH started after the config said so).",
        [
            new("expected", ParamKind.Bool, false, "The value required; default true."),
            new("in_effect", ParamKind.Bool, false, "Also require the running process to have started after the setting was written; default true."),
        ],
        a => new RobustnessCheck(a.Bool("expected") ?? true, a.Bool("in_effect") ?? true));

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts) is { } noConfig)
        {
            return noConfig;
        }

        var settings = facts.Configuration!.Switch;
        var param = settings.Params.LastOrDefault(p => string.Equals(p.Name, Param, StringComparison.OrdinalIgnoreCase));
        var evidence = new Dictionary<string, object?>
        {
            ["configured"] = settings.RtpPortUsageRobustness,
            ["value"] = param?.Value,
            ["location"] = param?.Location?.ToString(),
            ["expected"] = expected,
        };
        if (settings.RtpPortUsageRobustness != expected)
        {
            return CheckOutcome.Fail(
                param is null ? $"{Param} is not set (default off); expected {OnOff(expected)}" : $"{Param} is {OnOff(settings.RtpPortUsageRobustness)} ({param.Value}); expected {OnOff(expected)}",
                evidence);
        }

        if (!expected || !requireInEffect)
        {
            return CheckOutcome.Pass($"{Param} is {OnOff(expected)} as configured", evidence);
        }

        if (FactGuards.NeedRunning(facts) is { } notRunning)
        {
            notRunning.Evidence["configured"] = true;
            return notRunning;
        }

        var started = facts.FreeSwitchStartedAt;
        evidence["process_started"] = started?.ToString("O", CultureInfo.InvariantCulture);
        DateTimeOffset? modified = param?.Location is { } location && facts.ConfigFileTimes.TryGetValue(location.File, out var m) ? m : null;
        evidence["config_modified"] = modified?.ToString("O", CultureInfo.InvariantCulture);
        if (started is null || modified is null)
        {
            return CheckOutcome.Error($"{Param} is on, but whether the running process read it is unknown (process start or file time missing)", evidence);
        }

        evidence["in_effect"] = started >= modified;
        return started >= modified
            ? CheckOutcome.Pass($"{Param} is on and in effect (FreeSWITCH started after {param!.Location!.Value.File} last changed)", evidence)
            : CheckOutcome.Fail($"{Param} is on in the config but not in effect: FreeSWITCH started before {param!.Location!.Value.File} changed; restart it", evidence);
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}

/// <summary><c>no_bind_errors</c>: no <c>Bind Error</c> line in the FreeSWITCH log over the last N hours.</summary>
internal sealed class NoBindErrorsCheck(TimeSpan window, long max) : Check
{
    public const string Name = "no_bind_errors";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "At most `max` (default 0) 'AUDIO RTP REPORTS ERROR: [Bind Error!' lines in the log over the last `hours` (default 24).",
        [
            new("hours", ParamKind.Number, false, "The window, in hours back from now; default 24."),
            new("max", ParamKind.Integer, false, "How many are tolerated; default 0."),
        ],
        a =>
        {
            var hours = a.Number("hours") ?? 24;
            if (hours is <= 0 or > 24 * 366)
            {
                throw a.Error("hours", $"hours: expected a number of hours above 0 and at most {24 * 366}, found {hours.ToString(CultureInfo.InvariantCulture)}");
            }

            var max = a.Integer("max") ?? 0;
            if (max < 0)
            {
                throw a.Error("max", $"max: expected 0 or more, found {max}");
            }

            return new NoBindErrorsCheck(TimeSpan.FromHours(hours), max);
        });

    public override TimeSpan? BindErrorWindow => window;

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedFact(facts, "log") is { } noLog)
        {
            return noLog;
        }

        if (facts.BindErrorCount is not { } count)
        {
            return CheckOutcome.Error("the FreeSWITCH log could not be read");
        }

        var hours = facts.BindErrorWindow.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);
        var evidence = new Dictionary<string, object?>
        {
            ["bind_errors"] = (long)count,
            ["window_hours"] = facts.BindErrorWindow.TotalHours,
            ["max"] = max,
            ["samples"] = facts.BindErrorSamples.Cast<object?>().ToList(),
        };
        return count <= max
            ? CheckOutcome.Pass($"{count} Bind Error line(s) in the last {hours} h", evidence)
            : CheckOutcome.Fail($"{count} Bind Error line(s) in the last {hours} h (calls failed with 488)", evidence);
    }
}
