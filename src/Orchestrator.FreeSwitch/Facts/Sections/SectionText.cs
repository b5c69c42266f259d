namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>Small readers the section parsers share, and the marker a body prints when it could not read what it reports.</summary>
internal static class SectionText
{
    /// <summary>
    /// Starts the line a section body prints when it could not read its source, followed by why (permission denied,
    /// missing tool, file missing, the tool's own error). A section holding such a line is unreadable, whatever else it holds.
    /// </summary>
    public const string UnreadableMarker = "@@unreadable@@ ";

    /// <summary>
    /// The shell functions the bodies print that line with (the prelude defines them). <c>fsunread WHY</c> prints the
    /// marker and the first line of WHY. <c>fsrun CMD ARGS</c> runs CMD with its stdout through and its stderr captured:
    /// a missing CMD or a non-zero exit prints the marker with CMD's own words.
    /// </summary>
    public const string ShellFunctions = """
        fsnl='
        '
        fsunread() { fsr=$*; fsr=${fsr%%"$fsnl"*}; printf '\n%s%s\n' '@@unreadable@@ ' "${fsr:-unknown error}"; }
        fsrun() {
          command -v "$1" >/dev/null 2>&1 || { fsunread "missing tool: $1 (not found in PATH=$PATH)"; return 127; }
          { fse=$("$@" 2>&1 >&3 3>&-); fsrc=$?; } 3>&1
          [ "$fsrc" -eq 0 ] || fsunread "$1 failed (exit $fsrc): $fse"
          return "$fsrc"
        }

        """;

    /// <summary>Why the section could not be read, when its text holds an <see cref="UnreadableMarker"/> line (the first one).</summary>
    public static string? UnreadableReason(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(UnreadableMarker, StringComparison.Ordinal))
            {
                var reason = line[UnreadableMarker.Length..].Trim();
                return reason.Length == 0 ? "unknown error" : reason;
            }
        }

        return null;
    }

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
