using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>The result of one task on one host, as recorded.</summary>
internal sealed record HostTaskResult(TaskOutcome Outcome, Dictionary<string, object?> Result, bool Notifies, bool MaybeNotifies);
