using System.ComponentModel;
using System.Globalization;
using Orchestrator.Compliance.History;
using Orchestrator.Core.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Sweep;

/// <summary>
/// <c>orchestrator sweep history</c>: when each failure first appeared and when it was fixed, which hosts flap, and the
/// trend of compliant hosts over time.
/// </summary>
internal sealed class SweepHistoryCommand : Command<SweepHistoryCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--db <PATH>")]
        [Description("The SQLite history. Default: $XDG_STATE_HOME/orchestrator/compliance.db (~/.local/state/orchestrator/compliance.db)")]
        public string? Database { get; init; }

        [CommandOption("--host <HOST>")]
        [Description("Only this host's failures and flapping.")]
        public string? Host { get; init; }

        [CommandOption("--control <ID>")]
        [Description("Only this control's failures.")]
        public string? Control { get; init; }

        [CommandOption("--since <WHEN>")]
        [Description("Only what happened since: an ISO date/time (2026-11-01, 2026-11-01T08:00Z) or a duration back from now (90m, 24h, 7d).")]
        public string? Since { get; init; }

        [CommandOption("--flap-threshold <N>")]
        [Description("A host flaps when its compliance changed at least N times. Default: 3")]
        public int FlapThreshold { get; init; } = 3;

        [CommandOption("--json")]
        [Description("Print the report as JSON instead of tables.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            FlapThreshold < 1 ? ValidationResult.Error($"--flap-threshold {FlapThreshold}: expected 1 or more.") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var store = HistoryStore.OpenExisting(settings.Database ?? HistoryStore.DefaultPath());
        var filter = new HistoryFilter
        {
            Host = settings.Host,
            Control = settings.Control,
            Since = settings.Since is { } s ? ParseSince(s, TimeProvider.System.GetUtcNow()) : null,
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
