namespace FreeSwitch.Config.Sources;

/// <summary>POSIX path helpers: host paths are always '/'-separated, whatever the local OS is.</summary>
public static class ConfigPath
{
    /// <summary>Joins <paramref name="path"/> to <paramref name="directory"/> unless it is already absolute.</summary>
    public static string Combine(string directory, string path) =>
        path.StartsWith('/') ? path : directory.TrimEnd('/') + "/" + path;

    /// <summary>Collapses <c>.</c>, <c>..</c> and repeated slashes; the result is absolute.</summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>The directory part of a normalized path (<c>/</c> for a top-level entry).</summary>
    public static string GetDirectory(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path[..i];
    }

    /// <summary>The last segment of a path.</summary>
    public static string GetFileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
