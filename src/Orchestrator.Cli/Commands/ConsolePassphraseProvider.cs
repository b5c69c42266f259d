using Orchestrator.Core.Secrets;
using Orchestrator.Transport;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>The passphrase of an encrypted key: from ORCHESTRATOR_SSH_PASSPHRASE, else asked on the terminal (never when stdin is not a TTY).</summary>
internal sealed class ConsolePassphraseProvider : IPassphraseProvider
{
    private readonly EnvironmentPassphraseProvider _environment = new();

    public Secret? GetPassphrase(string keyFile)
    {
        if (_environment.GetPassphrase(keyFile) is { } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            return null;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var value = console.Prompt(new TextPrompt<string>($"Passphrase for {Markup.Escape(keyFile)}:").Secret().AllowEmpty());
        return value.Length == 0 ? null : new Secret(value);
    }
}
