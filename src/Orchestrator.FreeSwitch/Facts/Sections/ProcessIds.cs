namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>The freeswitch process of this host (<see cref="Pid"/>, null when none runs) and every one found.</summary>
internal sealed record ProcessIds(int? Pid, IReadOnlyList<int> Pids);
