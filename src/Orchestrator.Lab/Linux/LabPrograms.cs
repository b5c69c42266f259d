using Orchestrator.Core.Errors;

namespace Orchestrator.Lab.Linux;

/// <summary>
/// Where the lab's own programs are: the simulator (<c>freeswitch</c>), <c>fs_cli</c> and the HEP listener.
/// The build copies them into <c>labbin/</c> next to this assembly (in the CLI's and the tests' output);
/// <c>ORCHESTRATOR_LAB_BIN</c> points elsewhere.
/// </summary>
internal static class LabPrograms
{
    public const string EnvironmentVariable = "ORCHESTRATOR_LAB_BIN";

    public const string FreeSwitch = "freeswitch";
    public const string FsCli = "fs_cli";
    public const string HepListener = "orchestrator-hep-listener";

    public static string Directory =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(AppContext.BaseDirectory, "labbin");

    /// <summary>The directory, after checking the three programs are in it.</summary>
    public static string Locate()
    {
        var dir = Directory;
        var missing = new[] { FreeSwitch, FsCli, HepListener }.Where(p => !File.Exists(Path.Combine(dir, p))).ToList();
        if (missing.Count > 0)
        {
            throw new UserInputException(
                $"the lab's programs {string.Join(", ", missing)} are not in {dir}: build the solution (dotnet build) so they are " +
                $"copied there, or set {EnvironmentVariable} to a directory that holds them");
        }

        return dir;
    }
}
