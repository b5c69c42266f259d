using System.Text;
using Orchestrator.Core.Errors;

namespace Orchestrator.Inventory.Parsing;

/// <summary>Reading inventory and variable files: strict UTF-8, Python's splitlines, Python's splitext.</summary>
internal static class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"found a file that cannot be read ({ex.Message}); expected a readable inventory file", new SourceLocation(path, 0, 0));
        }

        return Decode(bytes, path);
    }

    public static string Decode(byte[] bytes, string path)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[3..];
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + span[..Math.Min(ex.Index, span.Length)].Count((byte)'\n');
            throw new UserInputException("found bytes that are not valid UTF-8; expected a UTF-8 text file", new SourceLocation(path, line, 0));
        }
    }

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
