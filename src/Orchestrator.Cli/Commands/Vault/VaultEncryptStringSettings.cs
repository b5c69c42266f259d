using System.ComponentModel;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Vault;

internal sealed class VaultEncryptStringSettings : VaultFilesSettings
{
    [CommandOption("-n|--name <NAME>")]
    [Description("The variable name of each string, in order (prints 'NAME: !vault |').")]
    public string[] Names { get; init; } = [];

    [CommandOption("--stdin-name <NAME>")]
    [Description("Read the string from stdin and name it NAME.")]
    public string? StdinName { get; init; }
}
