namespace Orchestrator.Inventory.Tests.Support;

internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"Orchestrator.sln not found above {AppContext.BaseDirectory}");
    });

    public static string RepoRoot => Root.Value;

    public static string TestProject => Path.Combine(RepoRoot, "tests", "Orchestrator.Inventory.Tests");

    public static string Corpus => Path.Combine(TestProject, "Corpus");

    /// <summary>The built orchestrator executable (the CLI project is referenced, so it sits next to the tests).</summary>
    public static string Orchestrator => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "orchestrator.exe" : "orchestrator");
}
