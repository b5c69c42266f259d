using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>Task events to <see cref="IRunOutput"/>: every message, diff and result redacted, no_log honoured.</summary>
internal sealed class TaskEvents(RunState run, Play play)
{
    private const string NoLogMessage = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

    public void Announce(TaskDefinition task) =>
        run.Output.TaskStarted(new TaskStartedEvent(play.Name, task.DisplayName, task.ModuleName, task.IsHandler, task.Location.File, task.Location.Line, run.Time.GetUtcNow()));

    /// <summary>One loop item's line, labelled.</summary>
    public void LoopItem(TaskInvocation item, ItemResult result, string label) =>
        Publish(item, result, label, isLoop: true, showDiff: item.Diff, ignored: false, rescued: false);

    /// <summary>The task's line; for a loop, the summary after its items (without a diff: the items had theirs).</summary>
    public void Result(TaskInvocation invocation, ItemResult result, bool loopSummary, bool ignored, bool rescued) =>
        Publish(invocation, result, item: null, loopSummary, showDiff: invocation.Diff && !loopSummary, ignored, rescued);

    /// <summary>Check mode: a handler only a task with an unknown outcome notified.</summary>
    public void UnknownHandler(TaskDefinition handler, HostState host, string message) =>
        Publish(handler.DisplayName, handler.ModuleName, host, TaskOutcome.Unknown, run.Redactor.Redact(message), handler.IsHandler, run.Time.GetTimestamp());

    public void FactsGathered(HostState host, TaskOutcome outcome, string? message, long start) =>
        Publish("Gathering Facts", "gather_facts", host, outcome, message is null ? null : run.Redactor.Redact(message), isHandler: false, start);

    private void Publish(TaskInvocation invocation, ItemResult result, string? item, bool isLoop, bool showDiff, bool ignored, bool rescued)
    {
        var noLog = invocation.NoLog;
        var diff = showDiff ? DiffRenderer.Render(result.Diffs) : null;
        var task = invocation.Task;
        run.Output.TaskResult(new TaskResultEvent(
            invocation.Host.Name,
            play.Name,
            task.DisplayName,
            task.ModuleName,
            result.Outcome,
            noLog ? NoLogMessage : result.Message is null ? null : run.Redactor.Redact(result.Message),
            noLog || diff is null ? null : run.Redactor.Redact(diff),
            noLog ? null : (IReadOnlyDictionary<string, object?>?)Redact(result.Data),
            item,
            isLoop,
            ignored,
            rescued,
            task.IsHandler,
            invocation.DelegateTo,
            result.Attempts,
            noLog,
            run.Time.GetElapsedTime(invocation.Start),
            run.Time.GetUtcNow()));
    }

    /// <summary>A line with a message and nothing else (no result, diff, item or delegation).</summary>
    private void Publish(string task, string module, HostState host, TaskOutcome outcome, string? redactedMessage, bool isHandler, long start) =>
        run.Output.TaskResult(new TaskResultEvent(
            host.Name, play.Name, task, module, outcome, redactedMessage, null, null, null, false, false, false, isHandler, null, null, false,
            run.Time.GetElapsedTime(start), run.Time.GetUtcNow()));

    private object? Redact(object? value) => value switch
    {
        string s => run.Redactor.Redact(s),
        Secret => Secret.Redacted,
        Dictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Redact(kv.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(Redact).ToList(),
        _ => value,
    };
}
