using Orchestrator.Lab.Linux;

namespace Orchestrator.Lab.Setup;

/// <summary>/run/orchestrator-lab/NAME.dir records which directory a running lab named NAME lives in.</summary>
internal static class Registry
{
    public static string PathFor(string name) => Path.Combine(GlobalLock.Directory, name + ".dir");

    public static string? Find(string name) => File.Exists(PathFor(name)) ? File.ReadAllText(PathFor(name)).Trim() : null;

    public static void Add(string name, string directory)
    {
        Directory.CreateDirectory(GlobalLock.Directory);
        File.WriteAllText(PathFor(name), directory + "\n");
    }

    public static void Remove(string name, string directory)
    {
        if (Find(name) == directory)
        {
            File.Delete(PathFor(name));
        }
    }
}
