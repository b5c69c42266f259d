using Orchestrator.Engine;
using Orchestrator.Engine.Output;

namespace Orchestrator.Testing.Fakes;

/// <summary>A playbook run by <see cref="EngineHarness"/>: its result and every event it reported.</summary>
public sealed record HarnessRun(PlaybookRunResult Result, RecordingRunOutput Output)
{
    public HostRecap Recap(string host) => Result.Hosts.Single(h => h.Host == host);

    public IEnumerable<TaskResultEvent> Results(string task) => Output.Results.Where(r => r.Task == task && r.Item is null);

    public TaskResultEvent Result1(string task, string host) => Results(task).Single(r => r.Host == host);

    public IReadOnlyList<string> Warnings => Output.Events.OfType<string>().ToList();
}
