namespace Orchestrator.Transport.Shell;

/// <summary>POSIX shell quoting: everything we put into a remote command line goes through here.</summary>
internal static class ShellQuote
{
    /// <summary>Quotes one word for /bin/sh so that it is passed through literally.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(IsSafe))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool IsSafe(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.' or '/' or ',' or ':' or '@' or '%' or '+' or '=';
}
