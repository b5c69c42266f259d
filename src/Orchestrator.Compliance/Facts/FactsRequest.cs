namespace Orchestrator.Compliance.Facts;

/// <summary>What a pass asks the gatherer for, beyond the fixed FreeSWITCH facts.</summary>
/// <param name="BindErrorWindow">How far back Bind Error lines are counted; zero when no control asks.</param>
/// <param name="NeedConfiguration">Some control reads arbitrary config params, so the full configuration is parsed.</param>
public sealed record FactsRequest(TimeSpan BindErrorWindow, IReadOnlyList<ProbeRequest> Probes, bool NeedConfiguration);
