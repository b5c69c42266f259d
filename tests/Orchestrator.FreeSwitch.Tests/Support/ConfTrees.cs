namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>
/// The vanilla FreeSWITCH tree (the repository's copy the lab embeds, src/Orchestrator.Lab/Resources/freeswitch-vanilla)
/// and variants built from it in temporary directories.
/// </summary>
internal static class ConfTrees
{
    private static readonly Lazy<string> VanillaDir = new(FindVanilla);

    public static string Vanilla => VanillaDir.Value;

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A fresh copy of vanilla in a temporary directory, deleted when the returned object is disposed.</summary>
    public static TempTree CopyVanilla()
    {
        var tree = new TempTree();
        Copy(Vanilla, tree.Path);
        return tree;
    }

    /// <summary>Replaces exactly one occurrence of <paramref name="from"/> in a file of the tree.</summary>
    public static void Edit(string root, string relative, string from, string to)
    {
        var path = System.IO.Path.Combine(root, relative);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not found in {relative}");
        Assert.True(text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"'{from}' occurs more than once in {relative}");
        File.WriteAllText(path, text[..at] + to + text[(at + from.Length)..]);
    }

    /// <summary>"name modification-ticks" of each entry of a facts <c>conf_tar</c> (gzipped tar, base64).</summary>
    public static List<string> TarEntries(string base64)
    {
        using var gz = new System.IO.Compression.GZipStream(new MemoryStream(Convert.FromBase64String(base64)), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new System.Formats.Tar.TarReader(gz);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add($"{entry.Name} {entry.ModificationTime.UtcTicks}");
        }

        return names;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            Copy(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
        }
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
            candidates.Add(System.IO.Path.Combine(dir.FullName, "src", "Orchestrator.Lab", "Resources", "freeswitch-vanilla"));
            candidates.Add(System.IO.Path.Combine(dir.FullName, "shared", "freeswitch-conf", "vanilla"));
        }

        return candidates.FirstOrDefault(c => File.Exists(System.IO.Path.Combine(c, "freeswitch.xml")))
            ?? throw new InvalidOperationException(
                "the vanilla FreeSWITCH tree was not found (src/Orchestrator.Lab/Resources/freeswitch-vanilla in the repository); set FREESWITCH_VANILLA_CONF");
    }
}

/// <summary>A temporary directory removed on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orch-fs-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
