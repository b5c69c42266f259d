namespace FreeSwitch.Simulator.Tests.Support;

/// <summary>Locates the shared vanilla FreeSWITCH tree and the built executables.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Vanilla = new(FindVanilla);

    /// <summary>shared/freeswitch-conf/vanilla: beside the repository (CI) or any parent (worktrees), else the repository's copy; FREESWITCH_VANILLA_CONF overrides.</summary>
    public static string VanillaConf => Vanilla.Value;

    /// <summary>The directory holding this test assembly, where the freeswitch and fs_cli apphosts are copied.</summary>
    public static string BinDir => AppContext.BaseDirectory;

    public static string FreeSwitchExe => Path.Combine(BinDir, "freeswitch");

    public static string FsCliExe => Path.Combine(BinDir, "fs_cli");

    private static string FindVanilla()
    {
        if (Environment.GetEnvironmentVariable("FREESWITCH_VANILLA_CONF") is { Length: > 0 } env && Directory.Exists(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "freeswitch-conf", "vanilla");
            if (File.Exists(Path.Combine(candidate, "freeswitch.xml")))
            {
                return candidate;
            }
        }

        // A clone on its own: the repository's copy of the same tree, which the lab embeds (the lab tests check it is identical).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Orchestrator.Lab", "Resources", "freeswitch-vanilla");
            if (File.Exists(Path.Combine(candidate, "freeswitch.xml")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "shared/freeswitch-conf/vanilla was not found beside the repository or in any parent directory, nor the repository's copy "
            + "in src/Orchestrator.Lab/Resources/freeswitch-vanilla; set FREESWITCH_VANILLA_CONF to the vanilla tree.");
    }
}
