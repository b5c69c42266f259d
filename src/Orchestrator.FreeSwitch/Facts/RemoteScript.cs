using System.Text;
using Orchestrator.Core.Shell;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// Helpers for the batched shell scripts the facts and modules send: each probe prints a section marker,
/// then its output; <see cref="Split"/> cuts the output back into sections on the controller.
/// </summary>
internal static class RemoteScript
{
    public const string Marker = "@@orchestrator-fs@@ ";

    /// <summary>A shell command printing the marker of section <paramref name="name"/> on a line of its own.</summary>
    public static string Section(string name) => $"printf '\\n%s%s\\n' '{Marker}' {ShellQuote.Quote(name)}";

    /// <summary>The sections of a script's output, in order: name → text (no trailing newline).</summary>
    public static List<KeyValuePair<string, string>> Split(string output)
    {
        var sections = new List<KeyValuePair<string, string>>();
        string? current = null;
        var lines = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                Flush();
                current = line[Marker.Length..].TrimEnd('\r');
                lines.Clear();
                continue;
            }

            lines.Add(line);
        }

        Flush();
        return sections;

        void Flush()
        {
            if (current is null)
            {
                return;
            }

            // The marker printf starts with a newline, so a section before a marker ends in one blank line;
            // the last section ends with the output's final newline.
            if (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            sections.Add(new KeyValuePair<string, string>(current, string.Join('\n', lines)));
        }
    }

    public static Dictionary<string, string> SplitToMap(string output)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Split(output))
        {
            map[k] = v;
        }

        return map;
    }
}
