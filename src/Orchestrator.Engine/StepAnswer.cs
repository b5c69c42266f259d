namespace Orchestrator.Engine;

/// <summary>The answer to a <c>--step</c> question.</summary>
public enum StepAnswer
{
    Yes,
    No,
    Continue,
}
