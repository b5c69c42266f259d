namespace Orchestrator.Testing;

/// <summary>Copies of directory trees (a configuration tree a test edits, for one).</summary>
public static class DirectoryTree
{
    /// <summary>Copies every file and directory under <paramref name="source"/> into <paramref name="destination"/>, which may exist.</summary>
    public static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }
}
