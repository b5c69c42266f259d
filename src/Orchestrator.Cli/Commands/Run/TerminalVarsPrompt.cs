using Orchestrator.Engine;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>vars_prompt on the terminal: a private answer is read without echo.</summary>
internal sealed class TerminalVarsPrompt(IAnsiConsole console) : IVarsPrompt
{
    /// <summary>A prompt when there is an interactive terminal to ask on (stdin not redirected); null otherwise.</summary>
    public static TerminalVarsPrompt? Create(IAnsiConsole? terminal) =>
        terminal is not null && !Console.IsInputRedirected ? new TerminalVarsPrompt(terminal) : null;

    public string Ask(string prompt, bool echo)
    {
        var question = new TextPrompt<string>(Markup.Escape(prompt)).AllowEmpty();
        return console.Prompt(echo ? question : question.Secret(null));
    }

    public void Say(string message) => console.WriteLine(message);
}
