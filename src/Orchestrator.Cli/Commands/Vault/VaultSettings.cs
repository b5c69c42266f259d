using System.ComponentModel;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Vault;

/// <summary>The options of every <c>orchestrator vault</c> subcommand (ansible-vault's).</summary>
internal class VaultSettings : VaultCommandSettings
{
    [CommandOption("--encrypt-vault-id <ID>")]
    [Description("The vault id to encrypt with, when several are given.")]
    public string? EncryptVaultId { get; init; }

    [CommandOption("--output <FILE>")]
    [Description("Write to FILE instead of rewriting the input ('-' for stdout).")]
    public string? Output { get; init; }
}
