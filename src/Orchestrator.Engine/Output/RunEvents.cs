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

public sealed record PlaybookStartedEvent(string Path, bool Check, bool Diff, DateTimeOffset Time);

public sealed record PlayStartedEvent(string Name, string Hosts, IReadOnlyList<string> BatchHosts, int Batch, int Batches, DateTimeOffset Time);

public sealed record TaskStartedEvent(string Play, string Task, string Module, bool IsHandler, string Path, int Line, DateTimeOffset Time);

/// <param name="Message">What happened (no change reason, what would change, the failure), redacted.</param>
/// <param name="Diff">A unified diff (with --diff), redacted; null when there is none.</param>
/// <param name="Result">The registered result (redacted); null for no_log tasks.</param>
/// <param name="Item">The loop item's label for a per-item result; null for the task's overall result.</param>
public sealed record TaskResultEvent(
    string Host,
    string Play,
    string Task,
    string Module,
    TaskOutcome Outcome,
    string? Message,
    string? Diff,
    IReadOnlyDictionary<string, object?>? Result,
    string? Item,
    bool IsLoop,
    bool Ignored,
    bool Rescued,
    bool IsHandler,
    string? DelegatedTo,
    int? Attempts,
    bool NoLog,
    TimeSpan Duration,
    DateTimeOffset Time);

/// <summary>Per-host counters, as in Ansible's PLAY RECAP plus <see cref="Unknown"/> (check mode only).</summary>
public sealed record HostRecap(string Host, int Ok, int Changed, int Unreachable, int Failed, int Skipped, int Rescued, int Ignored, int Unknown);

public sealed record RecapEvent(IReadOnlyList<HostRecap> Hosts, bool Check, int ExitCode, bool Aborted, TimeSpan Duration, DateTimeOffset Time);

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
