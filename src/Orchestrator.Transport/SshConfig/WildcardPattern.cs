namespace Orchestrator.Transport.SshConfig;

/// <summary>OpenSSH's pattern matching (<c>match_pattern</c>): <c>*</c> matches any run, <c>?</c> one character.</summary>
internal static class WildcardPattern
{
    public static bool IsMatch(string text, string pattern, bool ignoreCase = true)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || string.Compare(text, t, pattern, p, 1, comparison) == 0))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>
    /// A pattern list (<c>Host</c> arguments, known_hosts host fields): matches when some positive pattern
    /// matches and no negated (<c>!</c>) pattern does.
    /// </summary>
    public static bool MatchesList(string text, IEnumerable<string> patterns)
    {
        var matched = false;
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith('!'))
            {
                if (IsMatch(text, pattern[1..]))
                {
                    return false;
                }
            }
            else if (!matched && IsMatch(text, pattern))
            {
                matched = true;
            }
        }

        return matched;
    }
}
