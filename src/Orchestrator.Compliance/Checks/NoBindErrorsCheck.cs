using System.Globalization;
using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

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
            return FactGuards.Unreadable(
                $"how many Bind Errors the log {fs.BindErrors?.LogFile} holds",
                fs.BindErrors?.UnreadableReason ?? "the log could not be read",
                new() { ["log_file"] = fs.BindErrors?.LogFile });
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
