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

        var modified = config.RobustnessFile is { } f && fs.FileModified.TryGetValue(f, out var m) ? m : (double?)null;
        evidence["process_started"] = FactGuards.Time(fs.StartedAt);
        evidence["config_modified"] = FactGuards.Time(modified);
        evidence["in_effect"] = fs.RobustnessInEffect;

        // In effect is a comparison of two times: without either, it is unknown, not "not in effect".
        if (fs.StartedAt is null)
        {
            return FactGuards.Unreadable($"whether {Param} is in effect", $"the process start time could not be read ({fs.StartTimeUnreadable ?? "unknown reason"})", evidence);
        }

        if (modified is null)
        {
            return FactGuards.Unreadable($"whether {Param} is in effect", $"the modification time of {config.RobustnessFile} is not known (the file was not fetched)", evidence);
        }

        return fs.RobustnessInEffect
            ? CheckOutcome.Pass($"{Param} is on and in effect (FreeSWITCH started after {config.RobustnessFile} last changed)", evidence)
            : CheckOutcome.Fail($"{Param} is on in {config.RobustnessFile} but not in effect: FreeSWITCH started before the file changed; restart FreeSWITCH", evidence);
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}
