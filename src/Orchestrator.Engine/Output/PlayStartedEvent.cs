namespace Orchestrator.Engine.Output;

public sealed record PlayStartedEvent(string Name, string Hosts, IReadOnlyList<string> BatchHosts, int Batch, int Batches, DateTimeOffset Time);
