using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>What <see cref="FreeSwitchRestartModule"/> planned: the running process's facts, how to reach FreeSWITCH, and the service to restart.</summary>
internal sealed record PlannedRestart(FreeSwitchHostFacts Facts, FreeSwitchFactsOptions Options, string Service);
