namespace Orchestrator.Compliance.History;

public sealed record HistoryReport(IReadOnlyList<FailureEpisode> Failures, IReadOnlyList<FlappingHost> Flapping, IReadOnlyList<TrendPoint> Trend, int Runs);
