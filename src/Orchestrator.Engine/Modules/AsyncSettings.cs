namespace Orchestrator.Engine.Modules;

/// <summary>A task's <c>async</c> (the job's time limit, seconds) and <c>poll</c> (seconds between checks; 0: fire and forget).</summary>
internal sealed record AsyncSettings(int Seconds, int Poll);
