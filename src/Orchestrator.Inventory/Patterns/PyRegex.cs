using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Inventory.Patterns;

/// <summary>Compiles a Python regular expression (<c>~regex</c> host patterns) to match at the start, like re.match.</summary>
internal static class PyRegex
{
    public static Regex CompileMatch(string python)
    {
        var sb = new StringBuilder("\\A(?:");
        for (var i = 0; i < python.Length; i++)
        {
            var c = python[i];
            if (c == '\\' && i + 1 < python.Length)
            {
                var next = python[i + 1];
                sb.Append(next == 'Z' ? "\\z" : string.Concat("\\", next.ToString()));
                i++;
            }
            else if (c == '(' && string.CompareOrdinal(python, i, "(?P<", 0, 4) == 0)
            {
                sb.Append("(?<");
                i += 3;
            }
            else if (c == '(' && string.CompareOrdinal(python, i, "(?P=", 0, 4) == 0)
            {
                var close = python.IndexOf(')', i);
                if (close < 0)
                {
                    throw new ArgumentException("missing ), unterminated name");
                }

                sb.Append("\\k<").Append(python, i + 4, close - i - 4).Append('>');
                i = close;
            }
            else if (c == '{' && i + 1 < python.Length && python[i + 1] == ',')
            {
                sb.Append("{0");
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append(')');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
    }
}
