using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>
/// The vanilla FreeSWITCH tree (the repository's copy the lab embeds, src/Orchestrator.Lab/Resources/freeswitch-vanilla)
/// and variants built from it in temporary directories.
/// </summary>
internal static class ConfTrees
{
    public static string Vanilla => RepoPaths.VanillaFreeSwitchConf;

    /// <summary>A fresh copy of vanilla in a temporary directory, deleted when the returned object is disposed.</summary>
    public static TempDirectory CopyVanilla()
    {
        var tree = new TempDirectory("orch-fs-");
        DirectoryTree.Copy(Vanilla, tree.Path);
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
}
