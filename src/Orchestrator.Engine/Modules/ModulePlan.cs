namespace Orchestrator.Engine.Modules;

/// <summary>What a module would do on one host. Created by <see cref="Module.PlanAsync"/>; never changes anything.</summary>
public sealed class ModulePlan
{
    private ModulePlan(PlanKind kind, string message)
    {
        Kind = kind;
        Message = message;
    }

    public PlanKind Kind { get; }

    /// <summary>Why nothing changes, what would change, why it is unknown, or why it failed.</summary>
    public string Message { get; }

    public IReadOnlyList<ModuleDiff> Diffs { get; private init; } = [];

    /// <summary>Host resources the change would touch (paths, "sysctl:KEY", "service:NAME"): later tasks reading them in check mode are unknown.</summary>
    public IReadOnlyList<string> Touches { get; private init; } = [];

    /// <summary>Values registered for the task when nothing is applied (and the base of the applied result).</summary>
    public Dictionary<string, object?> Result { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// For a would-change plan: false when the registered result of the real run cannot be predicted (a command's
    /// output), so tasks that use it in check mode report unknown.
    /// </summary>
    public bool ResultPredictable { get; private init; } = true;

    /// <summary>
    /// The module's data from planning to applying, put here by <see cref="Module{TState}"/> and read back by it, typed.
    /// The engine only carries it along.
    /// </summary>
    internal object? State { get; private init; }

    public static ModulePlan NoChange(string reason, Dictionary<string, object?>? result = null) =>
        new(PlanKind.NoChange, reason) { Result = result ?? new(StringComparer.Ordinal) };

    /// <summary>A would-change plan. A module that needs data in its apply step uses <see cref="Module{TState}"/>'s <c>WouldChange</c>.</summary>
    public static ModulePlan WouldChange(
        string summary,
        IEnumerable<ModuleDiff>? diffs = null,
        IEnumerable<string>? touches = null,
        Dictionary<string, object?>? result = null,
        bool resultPredictable = true) =>
        new(PlanKind.WouldChange, summary)
        {
            Diffs = diffs?.ToList() ?? [],
            Touches = touches?.ToList() ?? [],
            Result = result ?? new(StringComparer.Ordinal),
            ResultPredictable = resultPredictable,
        };

    /// <summary>An unknown plan. A module that needs data in its apply step uses <see cref="Module{TState}"/>'s <c>Unknown</c>.</summary>
    public static ModulePlan Unknown(string reason, IEnumerable<string>? touches = null) =>
        new(PlanKind.Unknown, reason) { Touches = touches?.ToList() ?? [], ResultPredictable = false };

    public static ModulePlan Fail(string message, Dictionary<string, object?>? result = null) =>
        new(PlanKind.Failed, message) { Result = result ?? new(StringComparer.Ordinal) };

    /// <summary>The engine's re-plan as unknown (check mode: an earlier unapplied change decides), keeping the module's state.</summary>
    internal static ModulePlan Unknown(string reason, object? state, IEnumerable<string>? touches) =>
        Unknown(reason, touches).WithState(state);

    internal ModulePlan WithState(object? state) =>
        new(Kind, Message)
        {
            Diffs = Diffs,
            Touches = Touches,
            Result = Result,
            ResultPredictable = ResultPredictable,
            State = state,
        };
}
