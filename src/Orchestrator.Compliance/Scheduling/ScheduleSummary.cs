namespace Orchestrator.Compliance.Scheduling;

/// <summary>What a scheduled run did, for tests and the final log line.</summary>
public sealed record ScheduleSummary(int Passes, int SkippedTicks, bool Abandoned);
