using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Inventory.Patterns;

/// <summary>Python's <c>fnmatch.translate</c> (3.11) as a .NET regex that must match the whole name.</summary>
public static class FnMatch
{
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny("*?[") >= 0;

    public static Regex Compile(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    public static string Translate(string pat)
    {
        var res = new StringBuilder("\\A(?s:");
        var i = 0;
        var n = pat.Length;
        var lastWasStar = false;
        while (i < n)
        {
            var c = pat[i++];
            if (c == '*')
            {
                if (!lastWasStar)
                {
                    res.Append(".*");
                }

                lastWasStar = true;
                continue;
            }

            lastWasStar = false;
            if (c == '?')
            {
                res.Append('.');
            }
            else if (c == '[')
            {
                var j = i;
                if (j < n && pat[j] == '!')
                {
                    j++;
                }

                if (j < n && pat[j] == ']')
                {
                    j++;
                }

                while (j < n && pat[j] != ']')
                {
                    j++;
                }

                if (j >= n)
                {
                    res.Append("\\[");
                    continue;
                }

                var stuff = ClassBody(pat, i, j);
                i = j + 1;
                if (stuff.Length == 0)
                {
                    res.Append("(?!)");
                }
                else if (stuff == "!")
                {
                    res.Append('.');
                }
                else
                {
                    if (stuff[0] == '!')
                    {
                        stuff = "^" + stuff[1..];
                    }
                    else if (stuff[0] == '^')
                    {
                        stuff = "\\" + stuff;
                    }

                    res.Append('[').Append(stuff).Append(']');
                }
            }
            else
            {
                res.Append(Regex.Escape(c.ToString()));
            }
        }

        return res.Append(")\\z").ToString();
    }

    // The inside of [...] with fnmatch's handling of ranges, escaped for a .NET character class.
    private static string ClassBody(string pat, int i, int j)
    {
        var raw = pat[i..j];
        if (!raw.Contains('-', StringComparison.Ordinal))
        {
            return EscapeClass(raw, keepHyphens: true);
        }

        var chunks = new List<string>();
        var k = pat[i] == '!' ? i + 2 : i + 1;
        while (true)
        {
            k = k < j ? pat.IndexOf('-', k, j - k) : -1;
            if (k < 0)
            {
                break;
            }

            chunks.Add(pat[i..k]);
            i = k + 1;
            k += 3;
        }

        var chunk = pat[i..j];
        if (chunk.Length > 0)
        {
            chunks.Add(chunk);
        }
        else
        {
            chunks[^1] += "-";
        }

        // Remove empty ranges, which are invalid in a regex.
        for (var c = chunks.Count - 1; c > 0; c--)
        {
            if (chunks[c - 1].Length > 0 && chunks[c].Length > 0 && chunks[c - 1][^1] > chunks[c][0])
            {
                chunks[c - 1] = chunks[c - 1][..^1] + chunks[c][1..];
                chunks.RemoveAt(c);
            }
        }

        return string.Join("-", chunks.Select(s => EscapeClass(s, keepHyphens: false)));
    }

    private static string EscapeClass(string s, bool keepHyphens)
    {
        var sb = new StringBuilder(s.Length + 4);
        foreach (var ch in s)
        {
            // '[' is escaped too: in .NET "-[" inside a class would start a subtraction.
            if (ch is '\\' or '[' or ']' or '&' or '~' or '|' || (ch == '-' && !keepHyphens))
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }
}
