using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>
/// Asks for a play's <c>vars_prompt</c> values before the play runs, as ansible-playbook does
/// (<c>Display.do_var_prompt</c>): a name given with <c>-e</c> is not asked; an empty answer takes the default;
/// <c>confirm</c> asks twice until both match; a private answer is not echoed and is redacted from all output.
/// Without a terminal the default is used (with a warning, like Ansible); a variable without a default is then an
/// error, where Ansible would set the text "None".
/// </summary>
internal static class VarsPrompter
{
    public const string Mismatch = "***** VALUES ENTERED DO NOT MATCH ****";

    public static Dictionary<string, object?>? Ask(PlayContext play)
    {
        if (play.Play.VarsPrompt.Count == 0)
        {
            return null;
        }

        var run = play.Run;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);

        // prompt and default may use the play's vars and extra vars (Ansible templates them with the play's variables).
        var scope = VariableScopeBuilder.Build(new VariableLevels { PlayVars = play.Play.Vars, ExtraVars = run.Options.ExtraVars });
        foreach (var entry in play.Play.VarsPrompt)
        {
            if (run.Options.ExtraVars.ContainsKey(entry.Name))
            {
                continue;
            }

            var prompt = entry.Prompt is null ? null : run.Templates.RenderText(entry.Prompt, scope, entry.Location);
            var fallback = entry.Default is null ? null : run.Templates.Render(entry.Default, scope, entry.Location);
            var value = AskOne(run, entry, prompt, fallback);
            if (entry.Private)
            {
                play.Secrets.AddValue(value);
            }

            values[entry.Name] = value;
        }

        play.Secrets.AddVariables(values);
        return values;
    }

    private static object? AskOne(RunState run, VarsPromptEntry entry, string? prompt, object? fallback)
    {
        if (run.Options.VarsPrompt is not { } terminal)
        {
            if (fallback is null)
            {
                throw new UserInputException(
                    $"vars_prompt '{entry.Name}' needs an answer, but there is no terminal to ask on; pass it with -e {entry.Name}=VALUE (or give it a default)",
                    entry.Location);
            }

            run.Output.Warning($"vars_prompt '{entry.Name}': not prompting, as there is no terminal; using its default");
            return fallback;
        }

        var question = prompt is null ? $"input for {entry.Name}: "
            : fallback is null ? $"{prompt}: "
            : $"{prompt} [{(entry.Private ? "********" : Templating.PlainData.ToText(fallback))}]: ";
        string answer;
        while (true)
        {
            answer = terminal.Ask(question, echo: !entry.Private);
            if (!entry.Confirm || terminal.Ask("confirm " + question, echo: !entry.Private) == answer)
            {
                break;
            }

            terminal.Say(Mismatch);
        }

        return answer.Length == 0 && fallback is not null ? fallback : answer;
    }
}
