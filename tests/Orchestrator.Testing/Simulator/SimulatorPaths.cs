namespace Orchestrator.Testing.Simulator;

/// <summary>The built <c>freeswitch</c> simulator and <c>fs_cli</c>, copied next to the test assembly by its project references.</summary>
public static class SimulatorPaths
{
    public static string FreeSwitchExe => Path.Combine(AppContext.BaseDirectory, "freeswitch");

    public static string FsCliExe => Path.Combine(AppContext.BaseDirectory, "fs_cli");
}
