namespace Orchestrator.Engine.Output;

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
