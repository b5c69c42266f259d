using Orchestrator.Core.Vault;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Vault;

/// <summary>Registers <c>orchestrator vault view | encrypt | decrypt | encrypt_string | rekey</c> (ansible-vault's subcommands and formats).</summary>
internal static class VaultCommands
{
    public static void AddVaultCommands(this IConfigurator config) =>
        config.AddBranch<VaultSettings>("vault", vault =>
        {
            vault.SetDescription("Encrypt and decrypt Ansible Vault files and strings, readable by ansible-vault and from it.");
            vault.AddCommand<ViewCommand>("view").WithDescription("Print the decrypted content of vault files.")
                .WithExample("vault", "view", "--vault-password-file", "~/.vault_pass", "group_vars/freeswitch/vault.yml");
            vault.AddCommand<EncryptCommand>("encrypt").WithDescription("Encrypt files in place (or to --output).");
            vault.AddCommand<DecryptCommand>("decrypt").WithDescription("Decrypt files in place (or to --output).");
            vault.AddCommand<EncryptStringCommand>("encrypt_string").WithDescription("Encrypt strings for inline '!vault |' values.")
                .WithExample("vault", "encrypt_string", "--vault-id", "prod@prompt", "--name", "esl_password", "ClueCon");
            vault.AddCommand<RekeyCommand>("rekey").WithDescription("Re-encrypt files with a new password (--new-vault-password-file or --new-vault-id).");
        });

    private static VaultFiles Files(VaultFilesSettings settings) => new(settings, Console.OpenStandardInput(), Console.Out, Console.Error);

    private sealed class ViewCommand : Command<VaultFilesSettings>
    {
        public override int Execute(CommandContext context, VaultFilesSettings settings, CancellationToken cancellationToken) => Files(settings).View();
    }

    private sealed class EncryptCommand : Command<VaultFilesSettings>
    {
        public override int Execute(CommandContext context, VaultFilesSettings settings, CancellationToken cancellationToken) => Files(settings).Encrypt();
    }

    private sealed class DecryptCommand : Command<VaultFilesSettings>
    {
        public override int Execute(CommandContext context, VaultFilesSettings settings, CancellationToken cancellationToken) => Files(settings).Decrypt();
    }

    private sealed class EncryptStringCommand : Command<VaultEncryptStringSettings>
    {
        public override int Execute(CommandContext context, VaultEncryptStringSettings settings, CancellationToken cancellationToken) => Files(settings).EncryptStrings(settings);
    }

    private sealed class RekeyCommand : Command<VaultRekeySettings>
    {
        public override int Execute(CommandContext context, VaultRekeySettings settings, CancellationToken cancellationToken)
        {
            if (settings.Files.Length == 0)
            {
                throw new Core.Errors.UserInputException("rekey needs the files to re-encrypt");
            }

            var newIds = settings.NewVaultId is { } id ? new[] { id } : [];
            var newFiles = settings.NewVaultPasswordFile is { } file ? new[] { file } : [];
            var fresh = VaultPasswordSources.Load([], newIds, newFiles, askVaultPass: newIds.Length + newFiles.Length == 0, CliVault.Prompt);
            return Files(settings).Rekey(fresh[0]);
        }
    }
}
