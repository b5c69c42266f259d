namespace Orchestrator.Engine;

/// <summary>Asks the user whether to run a task (<c>--step</c>).</summary>
public interface IStepPrompt
{
    StepAnswer Ask(string taskName);
}
