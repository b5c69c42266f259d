using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Vault;

/// <summary>
/// Builds a command's <see cref="VaultDecryptor"/> from its options, then the environment (ANSIBLE_VAULT_IDENTITY_LIST,
/// ANSIBLE_VAULT_PASSWORD_FILE: the one place they are read), with passwords typed on the terminal when asked.
/// </summary>
internal static class CliVault
{
    public const string IdentityListVariable = "ANSIBLE_VAULT_IDENTITY_LIST";
    public const string PasswordFileVariable = "ANSIBLE_VAULT_PASSWORD_FILE";

    public static VaultDecryptor Create(VaultCommandSettings settings, SecretRedactor redactor, IEnumerable<string>? extraIds = null)
    {
        var identities = Split(Environment.GetEnvironmentVariable(IdentityListVariable));
        var files = settings.VaultPasswordFiles.ToList();
        if (Environment.GetEnvironmentVariable(PasswordFileVariable) is { Length: > 0 } configured)
        {
            files.Add(configured);
        }

        var secrets = VaultPasswordSources.Load(identities, settings.VaultIds.Concat(extraIds ?? []), files, settings.AskVaultPass, Prompt);
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

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
