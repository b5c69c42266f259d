using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Toggle;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>What <see cref="CaptureToggleModule"/> planned: the facts the toggle starts from, its options, and how to reach FreeSWITCH.</summary>
internal sealed record PlannedToggle(FreeSwitchHostFacts Facts, CaptureToggleOptions Toggle, FreeSwitchFactsOptions Options);
