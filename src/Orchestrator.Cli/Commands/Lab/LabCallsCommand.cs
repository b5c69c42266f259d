using System.ComponentModel;
using Orchestrator.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Lab;

internal sealed class LabCallsCommand : AsyncCommand<LabCallsCommand.Settings>
{
    internal sealed class Settings : LabSettings
    {
        [CommandOption("--host <HOST>")]
        [Description("The lab host to call (fs1, fs2, ...), at its internal profile, port 5060")]
        public string? Host { get; init; }

        [CommandOption("--count <N>")]
        [Description("Number of calls. Default: 100")]
        public int Count { get; init; } = 100;

        [CommandOption("--rate <R>")]
        [Description("Calls per second. Default: 10")]
        public double Rate { get; init; } = 10;

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Host) ? ValidationResult.Error("--host is required (e.g. --host fs1)")
            : Count < 1 ? ValidationResult.Error($"--count {Count}: expected at least 1")
            : Rate <= 0 ? ValidationResult.Error($"--rate {Rate}: expected a positive number of calls per second")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var fleet = LabFleet.Open(settings.Directory);
        var r = await fleet.RunCallsAsync(settings.Host!, settings.Count, settings.Rate, cancellationToken);
        var failedColour = r.Failed > 0 ? "red" : "green";
        AnsiConsole.MarkupLine(
            $"{r.Requested} calls to {Markup.Escape(r.Host)} in {r.Duration.TotalSeconds:0.0} s: [green]{r.Succeeded} succeeded[/], " +
            $"[{failedColour}]{r.Failed} failed[/] ({r.Rejected488} answered 488).");
        var ports = r.BindErrorLines > 0 ? " (" + string.Join(", ", r.BindErrors.Distinct()) + ")" : "";
        AnsiConsole.MarkupLineInterpolated($"New 'Bind Error' lines in {r.Host}'s freeswitch.log: {r.BindErrorLines}{ports}; CODEC NEGOTIATION ERROR lines: {r.CodecNegotiationErrors}.");
        return r.Failed == 0 ? 0 : 1;
    }
}
