namespace Orchestrator.Engine.Output;

public sealed record RecapEvent(IReadOnlyList<HostRecap> Hosts, bool Check, int ExitCode, bool Aborted, TimeSpan Duration, DateTimeOffset Time);
