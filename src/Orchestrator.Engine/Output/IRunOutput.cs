namespace Orchestrator.Engine.Output;

/// <summary>Receives what a run does, as it happens. Strings in events are already redacted.</summary>
public interface IRunOutput
{
    void PlaybookStarted(PlaybookStartedEvent e);

    void PlayStarted(PlayStartedEvent e);

    void TaskStarted(TaskStartedEvent e);

    /// <summary>One host's result for a task (or for one loop item, when <see cref="TaskResultEvent.Item"/> is set).</summary>
    void TaskResult(TaskResultEvent e);

    void Warning(string message);

    void Recap(RecapEvent e);
}
