namespace Orchestrator.Compliance.History;

/// <summary>One stretch of failure of a control on a host: when it first appeared and when it was fixed (null: still failing).</summary>
public sealed record FailureEpisode(string Host, string ControlId, DateTimeOffset FirstSeen, DateTimeOffset? FixedAt, string FirstMessage, long FirstRunId, long? FixedRunId);
