using Orchestrator.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Lab;

internal sealed class LabDownCommand : AsyncCommand<LabSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LabSettings settings, CancellationToken cancellationToken)
    {
        await LabFleet.DownAsync(settings.Directory, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Lab in {Path.GetFullPath(settings.Directory)} is down (nothing left running or mounted).");
        return 0;
    }
}
