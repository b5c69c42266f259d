using System.Globalization;
using Orchestrator.Compliance.History;
using Orchestrator.Core.Errors;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Sweep;

/// <summary>
/// <c>orchestrator sweep history</c>: when each failure first appeared and when it was fixed, which hosts flap, and the
/// trend of compliant hosts over time.
/// </summary>
internal static class SweepHistory
{
    public static int Show(SweepCommand.Settings settings)
    {
        // The arguments first: a bad --since is the user's to fix whether or not a database exists.
        var since = settings.Since is { } s ? ParseSince(s, TimeProvider.System.GetUtcNow()) : (DateTimeOffset?)null;
        var store = HistoryStore.OpenExisting(settings.Database ?? HistoryStore.DefaultPath());
        var filter = new HistoryFilter
        {
            Host = settings.Host,
            Control = settings.Control,
            Since = since,
            FlapThreshold = settings.FlapThreshold,
        };
        var report = HistoryQueries.Query(store, filter);
        if (settings.Json)
        {
            Console.Out.WriteLine(HistoryJson.Render(report));
            return 0;
        }

        HistoryRenderer.Write(AnsiConsole.Console, report, store.Path);
        return 0;
    }

    internal static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        var t = text.Trim();
        if (t.Length >= 2 && char.IsAsciiDigit(t[0]) && t[^1] is 'm' or 'h' or 'd' or 'w'
            && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            return now - (t[^1] switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(amount * 7),
            });
        }

        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        throw new UserInputException($"--since '{text}': expected an ISO date or time (2026-11-01, 2026-11-01T08:00Z) or a duration such as 90m, 24h, 7d, 2w");
    }
}
