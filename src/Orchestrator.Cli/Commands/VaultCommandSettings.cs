using System.ComponentModel;
using Orchestrator.Cli.Commands.Vault;
using Orchestrator.Core.Configuration;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands;

/// <summary>The Ansible Vault password options every command that reads a repository takes (run, exec, sweep, inventory).</summary>
internal abstract class VaultCommandSettings : CommandSettings
{
    [CommandOption("--vault-id <ID>")]
    [Description("A vault password as label@source: source is a file, an executable script (run; its stdout is the password) or 'prompt'. Repeatable.")]
    public string[] VaultIds { get; init; } = [];

    [CommandOption("--vault-password-file|--vault-pass-file <FILE>")]
    [Description("A file holding the vault password (an executable file is run). Repeatable; vault_password_file from ansible.cfg or ANSIBLE_VAULT_PASSWORD_FILE is added.")]
    public string[] VaultPasswordFiles { get; init; } = [];

    [CommandOption("-J|--ask-vault-pass|--ask-vault-password")]
    [Description("Ask for the vault password on the terminal (no echo).")]
    public bool AskVaultPass { get; init; }

    /// <summary>
    /// The decryptor of this invocation: these options and the configured vault settings, the passwords read now,
    /// what it decrypts registered with <paramref name="redactor"/>.
    /// </summary>
    public VaultDecryptor CreateVault(AnsibleConfiguration config, SecretRedactor redactor) => CliVault.Create(this, config, redactor);
}
