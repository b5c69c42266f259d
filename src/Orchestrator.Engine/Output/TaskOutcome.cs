namespace Orchestrator.Engine.Output;

/// <summary>How a task ended on a host.</summary>
public enum TaskOutcome
{
    Ok,
    Changed,
    Skipped,
    Failed,
    Unreachable,

    /// <summary>Check mode could not predict the result (counted separately in the recap).</summary>
    Unknown,
}
