namespace Orchestrator.Testing;

/// <summary>Where things are in the checkout the tests were built from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"Orchestrator.sln not found above {AppContext.BaseDirectory}");
    });

    private static readonly Lazy<string> Vanilla = new(FindVanilla);

    /// <summary>The checkout: the directory holding Orchestrator.sln.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>
    /// The vanilla FreeSWITCH configuration tree: FREESWITCH_VANILLA_CONF, else the repository's copy the lab embeds
    /// (src/Orchestrator.Lab/Resources/freeswitch-vanilla), else shared/freeswitch-conf/vanilla beside the checkout or
    /// above it (the lab tests check that the two are identical).
    /// </summary>
    public static string VanillaFreeSwitchConf => Vanilla.Value;

    /// <summary>Where tests leave files worth looking at (screenshots, rendered reports): artifacts/<paramref name="area"/> in the checkout.</summary>
    public static string Artifacts(string area)
    {
        var directory = Path.Combine(Root, "artifacts", area);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string FindVanilla()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("FREESWITCH_VANILLA_CONF") is { Length: > 0 } env)
        {
            candidates.Add(env);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "src", "Orchestrator.Lab", "Resources", "freeswitch-vanilla"));
            candidates.Add(Path.Combine(dir.FullName, "shared", "freeswitch-conf", "vanilla"));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "freeswitch.xml")))
            ?? throw new InvalidOperationException(
                "the vanilla FreeSWITCH tree was not found (src/Orchestrator.Lab/Resources/freeswitch-vanilla in the repository, "
                + "or shared/freeswitch-conf/vanilla beside it); set FREESWITCH_VANILLA_CONF to the vanilla tree");
    }
}
