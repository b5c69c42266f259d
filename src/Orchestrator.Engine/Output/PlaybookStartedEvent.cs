namespace Orchestrator.Engine.Output;

public sealed record PlaybookStartedEvent(string Path, bool Check, bool Diff, DateTimeOffset Time);
