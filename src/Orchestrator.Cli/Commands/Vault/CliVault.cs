using Orchestrator.Core.Configuration;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Vault;

/// <summary>
/// Builds a command's <see cref="VaultDecryptor"/> from its options and the configuration (vault_identity_list and
/// vault_password_file from ansible.cfg or ANSIBLE_VAULT_IDENTITY_LIST/ANSIBLE_VAULT_PASSWORD_FILE), as Ansible's CLI
/// does: configured ids first, then --vault-id; --vault-password-file files, then the configured one. Passwords are
/// typed on the terminal when asked.
/// </summary>
internal static class CliVault
{
    public static VaultDecryptor Create(VaultCommandSettings settings, AnsibleConfiguration config, SecretRedactor redactor)
    {
        var files = settings.VaultPasswordFiles.ToList();
        if (config.VaultPasswordFile is { Length: > 0 } configured)
        {
            files.Add(configured);
        }

        var secrets = VaultPasswordSources.Load(config.VaultIdentityList, settings.VaultIds, files, settings.AskVaultPass, Prompt);
        return new VaultDecryptor(secrets, redactor);
    }

    /// <summary>Asks on the terminal without echo; null when stdin or stderr is not a terminal.</summary>
    public static string? Prompt(string text)
    {
        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            return null;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Prompt(new TextPrompt<string>(Markup.Escape(text.TrimEnd())).Secret().AllowEmpty());
    }
}
