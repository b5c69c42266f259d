using Orchestrator.Core.Input;

namespace Orchestrator.Inventory.Parsing;

/// <summary>Reading inventory and variable files: strict UTF-8, Python's splitlines, Python's splitext.</summary>
internal static class SourceText
{
    public static string Read(string path) => BoundedFile.ReadAllText(path, "a readable inventory file");

    /// <summary>Python's str.splitlines(): \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029 end a line.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }

            i++;
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>Python's os.path.splitext(...)[1]: leading dots of the file name do not start an extension.</summary>
    public static string Extension(string path)
    {
        var name = Path.GetFileName(path);
        var stripped = name.TrimStart('.');
        var dot = stripped.LastIndexOf('.');
        return dot < 0 ? "" : stripped[dot..];
    }
}
