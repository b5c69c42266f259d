using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>One loop item's result, or a loop-less task's, before it is recorded.</summary>
internal sealed class ItemResult(TaskOutcome outcome, Dictionary<string, object?> data, IReadOnlyList<ModuleDiff> diffs, string? message)
{
    public TaskOutcome Outcome { get; set; } = outcome;

    public Dictionary<string, object?> Data { get; } = data;

    public IReadOnlyList<ModuleDiff> Diffs { get; } = diffs;

    public string? Message { get; set; } = message ?? data.GetValueOrDefault("msg") as string;

    public bool ResultPredictable { get; init; } = true;

    public bool UntilSatisfied { get; set; } = true;

    public int? Attempts { get; set; }

    /// <summary>set_fact values to store on the host.</summary>
    public List<Dictionary<string, object?>> Facts { get; init; } = [];

    public static ItemResult Skipped(string reason) =>
        new(TaskOutcome.Skipped, new Dictionary<string, object?>(StringComparer.Ordinal) { ["skip_reason"] = reason, ["changed"] = false }, [], reason);

    /// <summary>A result that is only a message (a failure, an unknown in check mode, an unreachable host).</summary>
    public static ItemResult WithMessage(TaskOutcome outcome, string message, IReadOnlyList<ModuleDiff>? diffs = null) =>
        new(outcome, MessageData(message), diffs ?? [], null);

    public static Dictionary<string, object?> MessageData(string msg) => new(StringComparer.Ordinal) { ["msg"] = msg };
}
