using Orchestrator.Core.Errors;
using Orchestrator.Engine;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Run;

/// <summary><c>--step</c>: asks on the terminal before each task.</summary>
internal sealed class StepPrompt(IAnsiConsole console) : IStepPrompt
{
    public static StepPrompt Create(IAnsiConsole? terminal) =>
        terminal is not null && !Console.IsInputRedirected
            ? new StepPrompt(terminal)
            : throw new UserInputException("--step asks before each task and needs an interactive terminal");

    public StepAnswer Ask(string taskName)
    {
        var answer = console.Prompt(
            new TextPrompt<string>($"Perform task: TASK: {Markup.Escape(taskName)} (N)o/(y)es/(c)ontinue:")
                .DefaultValue("n")
                .ShowDefaultValue(false)
                .AllowEmpty());
        return answer.Trim().ToLowerInvariant() switch
        {
            "y" or "yes" => StepAnswer.Yes,
            "c" or "continue" => StepAnswer.Continue,
            _ => StepAnswer.No,
        };
    }
}
