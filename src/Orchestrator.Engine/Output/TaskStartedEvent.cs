namespace Orchestrator.Engine.Output;

public sealed record TaskStartedEvent(string Play, string Task, string Module, bool IsHandler, string Path, int Line, DateTimeOffset Time);
