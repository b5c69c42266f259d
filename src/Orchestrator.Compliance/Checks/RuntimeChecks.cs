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
        if (FactGuards.NeedConfiguration(facts, out var fs, out var config) is { } missing)
        {
            return missing;
        }

        var evidence = new Dictionary<string, object?>
        {
            ["configured"] = config.Robustness,
            ["location"] = config.RobustnessLocation,
            ["expected"] = expected,
        };
        if (config.Robustness != expected)
        {
            return CheckOutcome.Fail(
                config.RobustnessLocation is null
                    ? $"{Param} is not set (default off); expected {OnOff(expected)}"
                    : $"{Param} is {OnOff(config.Robustness)} at {config.RobustnessLocation}; expected {OnOff(expected)}",
                evidence);
        }

        if (!expected || !requireInEffect)
        {
            return CheckOutcome.Pass($"{Param} is {OnOff(expected)} as configured", evidence);
        }

        if (FactGuards.NeedRunning(fs) is { } notRunning)
        {
            notRunning.Evidence["configured"] = true;
            return notRunning;
        }

        evidence["process_started"] = FactGuards.Time(fs.StartedAt);
        evidence["config_modified"] = FactGuards.Time(config.RobustnessFile is { } f && fs.FileModified.TryGetValue(f, out var m) ? m : null);
        evidence["in_effect"] = fs.RobustnessInEffect;
        return fs.RobustnessInEffect
            ? CheckOutcome.Pass($"{Param} is on and in effect (FreeSWITCH started after {config.RobustnessFile} last changed)", evidence)
            : CheckOutcome.Fail($"{Param} is on in {config.RobustnessFile} but not in effect: FreeSWITCH started before the file changed (or its time is unknown); restart FreeSWITCH", evidence);
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}

/// <summary><c>no_bind_errors</c>: no <c>Bind Error</c> line (RTP or RTCP) in the FreeSWITCH log over the last N hours.</summary>
internal sealed class NoBindErrorsCheck(TimeSpan window, long max) : Check
{
    public const string Name = "no_bind_errors";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "At most `max` (default 0) Bind Error lines in the FreeSWITCH log over the last `hours` (default 24).",
        [
            new("hours", ParamKind.Number, false, "The window, in hours back from now; default 24. A policy counts over one window: the largest its controls ask for."),
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
        if (FactGuards.NeedFreeSwitch(facts, out var fs) is { } missing)
        {
            return missing;
        }

        if (fs.BindErrors is not { } bind || !bind.Readable)
        {
            return CheckOutcome.Error($"the FreeSWITCH log {fs.BindErrors?.LogFile} could not be read", new() { ["log_file"] = fs.BindErrors?.LogFile });
        }

        var count = bind.Rtp + bind.Rtcp;
        var hours = bind.Window.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);
        var evidence = new Dictionary<string, object?>
        {
            ["log_file"] = bind.LogFile,
            ["window_hours"] = Math.Round(bind.Window.TotalHours, 3),
            ["since"] = bind.Since,
            ["rtp_bind_errors"] = bind.Rtp,
            ["rtcp_bind_errors"] = bind.Rtcp,
            ["max"] = max,
            ["last"] = bind.LastLine,
        };
        return count <= max
            ? CheckOutcome.Pass($"{count} Bind Error line(s) in the last {hours} h", evidence)
            : CheckOutcome.Fail($"{count} Bind Error line(s) in the last {hours} h ({bind.Rtp} RTP: those calls failed with 488; {bind.Rtcp} RTCP)", evidence);
    }
}
