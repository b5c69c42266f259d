namespace Orchestrator.Engine.Output;

/// <summary>Sends every event to several outputs.</summary>
public sealed class CompositeRunOutput(params IRunOutput[] outputs) : IRunOutput
{
    public void PlaybookStarted(PlaybookStartedEvent e)
    {
        foreach (var o in outputs)
        {
            o.PlaybookStarted(e);
        }
    }

    public void PlayStarted(PlayStartedEvent e)
    {
        foreach (var o in outputs)
        {
            o.PlayStarted(e);
        }
    }

    public void TaskStarted(TaskStartedEvent e)
    {
        foreach (var o in outputs)
        {
            o.TaskStarted(e);
        }
    }

    public void TaskResult(TaskResultEvent e)
    {
        foreach (var o in outputs)
        {
            o.TaskResult(e);
        }
    }

    public void Warning(string message)
    {
        foreach (var o in outputs)
        {
            o.Warning(message);
        }
    }

    public void Recap(RecapEvent e)
    {
        foreach (var o in outputs)
        {
            o.Recap(e);
        }
    }
}
