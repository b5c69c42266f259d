namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>Small readers the section parsers share.</summary>
internal static class SectionText
{
    /// <summary>Lines <c>key value</c> to a map; the first of a repeated key wins.</summary>
    public static Dictionary<string, string> KeyValues(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                map.TryAdd(line[..space], line[(space + 1)..].Trim());
            }
        }

        return map;
    }
}
