using System.ComponentModel;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Vault;

/// <summary>The options of a vault subcommand plus its files (the branch itself takes none, so they are not mistaken for a subcommand).</summary>
internal class VaultFilesSettings : VaultSettings
{
    [CommandArgument(0, "[FILES]")]
    [Description("Files to work on (for encrypt_string: the strings); none or '-' reads stdin.")]
    public string[] Files { get; init; } = [];
}
