using FreeSwitch.Config;
using Orchestrator.FreeSwitch.Configuration;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>A parsed configuration and the effective settings read from it.</summary>
internal sealed record ParsedConfig(FreeSwitchConfiguration Configuration, EffectiveSettings Settings);
