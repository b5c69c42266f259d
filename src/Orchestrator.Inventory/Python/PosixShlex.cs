using System.Text;

namespace Orchestrator.Inventory.Python;

/// <summary>
/// Python's <c>shlex.split(line, comments=True, posix=True)</c>, which Ansible's INI plugin uses for host
/// lines: single and double quotes, backslash escapes, and <c>#</c> starting a comment anywhere outside quotes.
/// </summary>
internal static class PosixShlex
{
    /// <summary>Splits a line; on an unclosed quote or a trailing backslash returns the reason and its column.</summary>
    public static List<ShlexToken> Split(string line, out string? error, out int errorIndex)
    {
        error = null;
        errorIndex = -1;
        var tokens = new List<ShlexToken>();
        var token = new StringBuilder();
        var inToken = false;
        var start = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                if (inToken)
                {
                    tokens.Add(new ShlexToken(token.ToString(), start));
                    token.Clear();
                    inToken = false;
                }

                i++;
                continue;
            }

            if (c == '#')
            {
                break;
            }

            if (!inToken)
            {
                inToken = true;
                start = i;
            }

            if (c == '\\')
            {
                if (i + 1 >= line.Length)
                {
                    error = "No escaped character";
                    errorIndex = i;
                    return tokens;
                }

                token.Append(line[i + 1]);
                i += 2;
                continue;
            }

            if (c is '\'' or '"')
            {
                var quoteAt = i;
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = "No closing quotation";
                        errorIndex = quoteAt;
                        return tokens;
                    }

                    var q = line[i];
                    if (q == c)
                    {
                        i++;
                        break;
                    }

                    if (c == '"' && q == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                    {
                        token.Append(line[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (c == '"' && q == '\\' && i + 1 >= line.Length)
                    {
                        error = "No escaped character";
                        errorIndex = i;
                        return tokens;
                    }

                    token.Append(q);
                    i++;
                }

                continue;
            }

            token.Append(c);
            i++;
        }

        // A word is never empty unless it was quoted ("" is an empty word), so every open word is emitted.
        if (inToken)
        {
            tokens.Add(new ShlexToken(token.ToString(), start));
        }

        return tokens;
    }
}
