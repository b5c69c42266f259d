using Orchestrator.Engine.Modules;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>The modules a CLI run can use. Other areas (FreeSWITCH) register their modules and fact providers here.</summary>
internal static class RunModules
{
    public static ModuleRegistry Create() => Orchestrator.FreeSwitch.FreeSwitchModules.Register(ModuleRegistry.CreateDefault());
}
