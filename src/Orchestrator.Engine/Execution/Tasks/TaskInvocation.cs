using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>
/// One task on one host, or one loop item of it: what every step of running it needs. A loop item is the task's
/// invocation with its own scope (the loop variable on top) and start time.
/// </summary>
internal sealed record TaskInvocation
{
    public required TaskDefinition Task { get; init; }

    public required HostState Host { get; init; }

    public required VariableScope Scope { get; init; }

    /// <summary>Plan only: --check, or the task's check_mode.</summary>
    public required bool Check { get; init; }

    public required bool Diff { get; init; }

    public required bool NoLog { get; init; }

    /// <summary>In a block with a rescue: a failure goes to the rescue and is not counted in the recap.</summary>
    public required bool Rescuable { get; init; }

    /// <summary>The timestamp the task (or item) started at, for its duration.</summary>
    public required long Start { get; init; }

    /// <summary>The rendered delegate_to host, or null.</summary>
    public string? DelegateTo { get; init; }

    public static TaskInvocation Begin(PlayContext play, TaskDefinition task, HostState host, bool rescuable)
    {
        var options = play.Run.Options;
        return new TaskInvocation
        {
            Start = play.Run.Time.GetTimestamp(),
            Task = task,
            Host = host,
            Check = task.EffectiveCheckMode ?? options.Check,
            Diff = task.EffectiveDiff ?? options.Diff,
            NoLog = task.EffectiveNoLog,
            Rescuable = rescuable,
            Scope = play.Variables.ScopeFor(host, task),
        };
    }
}
