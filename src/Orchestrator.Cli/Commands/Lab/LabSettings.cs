using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Lab;

/// <summary>What every lab command shares: the lab directory.</summary>
internal class LabSettings : CommandSettings
{
    [CommandOption("--dir <DIR>")]
    [System.ComponentModel.Description("The lab's directory (state, keys, inventory, host trees). Default: .lab")]
    public string Directory { get; init; } = ".lab";
}
