namespace Orchestrator.Core.Shell;

/// <summary>
/// POSIX shell quoting, the one quoter of the project: every value that goes into a remote command line, a
/// generated script or the <c>quote</c> filter passes through here. The safe characters are Python's
/// <c>shlex.quote</c> ones (what Ansible's <c>quote</c> filter uses).
/// </summary>
public static class ShellQuote
{
    /// <summary>Quotes one word so that <c>sh</c> passes it through literally, as one argument.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
        {
            return "''";
        }

        if (IsSafe(word))
        {
            return word;
        }

        // Close the quote, add an escaped ', reopen. Four bytes, not shlex's five ('"'"'): scripts quoted inside
        // scripts (sudo sh -c inside exec sh -c) grow by this factor per level, and the facts script is large.
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// Exactly Python's <c>shlex.quote</c>, for the <c>quote</c> filter (Ansible's output byte for byte): the same
    /// rule as <see cref="Quote"/>, with an embedded <c>'</c> written as <c>'"'"'</c>.
    /// </summary>
    public static string QuoteLikePython(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length == 0 ? "''" : IsSafe(word) ? word : "'" + word.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
    }

    /// <summary>Quotes each word and joins them with spaces: a command line whose words are exactly these.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>True when the word has only characters no shell treats specially (shlex's <c>[\w@%+=:,./-]</c>, ASCII).</summary>
    public static bool IsSafe(string word)
    {
        foreach (var c in word)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '@' or '%' or '+' or '=' or ':' or ',' or '.' or '/' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
