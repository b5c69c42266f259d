using System.Text;

namespace Orchestrator.Core.Shell;

/// <summary>
/// Python's <c>shlex.split(text, comments, posix=True)</c>, the one word splitter of the project (Ansible splits the
/// command module's arguments, ssh args and INI host lines with it). Words are separated by spaces, tabs and newlines;
/// single quotes keep everything; double quotes keep everything but <c>\"</c> and <c>\\</c>; a backslash outside
/// quotes keeps the next character; <c>''</c> is an empty word. With comments, <c>#</c> outside quotes skips the rest
/// of its line. No expansions.
/// </summary>
public static class Shlex
{
    /// <exception cref="ShlexException">A quote is not closed, or a backslash ends the text.</exception>
    public static List<string> Split(string text, bool comments = false) => [.. Tokenize(text, comments).Select(t => t.Text)];

    /// <summary>The words with where each starts, for messages that point into the text.</summary>
    /// <exception cref="ShlexException">A quote is not closed, or a backslash ends the text.</exception>
    public static List<ShlexToken> Tokenize(string text, bool comments = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<ShlexToken>();
        var token = new StringBuilder();
        var inToken = false;
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n' || (comments && c == '#'))
            {
                if (inToken)
                {
                    tokens.Add(new ShlexToken(token.ToString(), start));
                    token.Clear();
                    inToken = false;
                }

                i = c == '#' ? SkipLine(text, i) : i + 1;
                continue;
            }

            if (!inToken)
            {
                inToken = true;
                start = i;
            }

            switch (c)
            {
                case '\\':
                    token.Append(EscapedAt(text, i));
                    i += 2;
                    break;
                case '\'' or '"':
                    i = ReadQuoted(text, i, token);
                    break;
                default:
                    token.Append(c);
                    i++;
                    break;
            }
        }

        // A word is never empty unless it was quoted ("" is an empty word), so every open word is kept.
        if (inToken)
        {
            tokens.Add(new ShlexToken(token.ToString(), start));
        }

        return tokens;
    }

    /// <summary>Appends the quoted text that opens at <paramref name="open"/> and returns the index after its closing quote.</summary>
    private static int ReadQuoted(string text, int open, StringBuilder token)
    {
        var quote = text[open];
        var i = open + 1;
        while (true)
        {
            if (i >= text.Length)
            {
                var which = quote == '\'' ? "single" : "double";
                throw new ShlexException(ShlexErrorKind.UnclosedQuote, open, $"a {which} quote is not closed");
            }

            var c = text[i];
            if (c == quote)
            {
                return i + 1;
            }

            // Inside double quotes a backslash escapes only '"' and itself; before anything else it stays.
            if (quote == '"' && c == '\\' && EscapedAt(text, i) is '"' or '\\')
            {
                token.Append(text[i + 1]);
                i += 2;
                continue;
            }

            token.Append(c);
            i++;
        }
    }

    /// <summary>The character the backslash at <paramref name="backslash"/> escapes.</summary>
    private static char EscapedAt(string text, int backslash) =>
        backslash + 1 < text.Length
            ? text[backslash + 1]
            : throw new ShlexException(ShlexErrorKind.TrailingBackslash, backslash, "a backslash at the end escapes nothing");

    private static int SkipLine(string text, int from)
    {
        var newline = text.IndexOf('\n', from);
        return newline < 0 ? text.Length : newline + 1;
    }
}
