using Cronos;
using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.Scheduling;

/// <summary>A cron expression (Cronos: 5 fields, or 6 with seconds first, or a macro such as @hourly) in a time zone.</summary>
public sealed class SweepSchedule
{
    private SweepSchedule(string text, CronExpression expression, TimeZoneInfo zone)
    {
        Text = text;
        Expression = expression;
        Zone = zone;
    }

    public string Text { get; }

    public TimeZoneInfo Zone { get; }

    internal CronExpression Expression { get; }

    /// <param name="timeZone">An IANA id such as Europe/Berlin; null or empty is UTC.</param>
    public static SweepSchedule Parse(string cron, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var trimmed = cron.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            throw new UserInputException($"--schedule '{cron}': {ex.Message}; expected 5 cron fields (minute hour day month weekday), 6 with seconds first, or @hourly/@daily/...");
        }

        TimeZoneInfo zone;
        if (string.IsNullOrWhiteSpace(timeZone) || timeZone is "UTC" or "Etc/UTC")
        {
            zone = TimeZoneInfo.Utc;
        }
        else
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new UserInputException($"--time-zone '{timeZone}': unknown time zone; expected an IANA name such as Europe/Berlin or UTC");
            }
        }

        return new SweepSchedule(trimmed, expression, zone);
    }

    /// <summary>The first occurrence strictly after <paramref name="from"/>, or null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset from) => Expression.GetNextOccurrence(from, Zone);

    public override string ToString() => $"{Text} ({Zone.Id})";
}
