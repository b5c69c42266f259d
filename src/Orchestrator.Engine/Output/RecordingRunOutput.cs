namespace Orchestrator.Engine.Output;

/// <summary>Keeps every event in memory (for tests and for callers that inspect a run).</summary>
public sealed class RecordingRunOutput : IRunOutput
{
    private readonly Lock _gate = new();
    private readonly List<object> _events = [];

    public IReadOnlyList<object> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    public IReadOnlyList<TaskResultEvent> Results => Events.OfType<TaskResultEvent>().ToList();

    public RecapEvent? RecapEvent => Events.OfType<RecapEvent>().LastOrDefault();

    public void PlaybookStarted(PlaybookStartedEvent e) => Add(e);

    public void PlayStarted(PlayStartedEvent e) => Add(e);

    public void TaskStarted(TaskStartedEvent e) => Add(e);

    public void TaskResult(TaskResultEvent e) => Add(e);

    public void Warning(string message) => Add(message);

    public void Recap(RecapEvent e) => Add(e);

    private void Add(object e)
    {
        lock (_gate)
        {
            _events.Add(e);
        }
    }
}
