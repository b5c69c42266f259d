using System.ComponentModel;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Vault;

internal sealed class VaultRekeySettings : VaultFilesSettings
{
    [CommandOption("--new-vault-password-file <FILE>")]
    [Description("The new password (a file, or an executable that prints it).")]
    public string? NewVaultPasswordFile { get; init; }

    [CommandOption("--new-vault-id <ID>")]
    [Description("The new vault id as label@source.")]
    public string? NewVaultId { get; init; }
}
