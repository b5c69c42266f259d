namespace Orchestrator.Engine;

/// <summary>Asks the user for a play's <c>vars_prompt</c> values on a terminal.</summary>
public interface IVarsPrompt
{
    /// <summary>Shows <paramref name="prompt"/> and reads one line; with <paramref name="echo"/> false, what is typed is not shown.</summary>
    string Ask(string prompt, bool echo);

    /// <summary>Shows a line (the "values do not match" notice).</summary>
    void Say(string message);
}
