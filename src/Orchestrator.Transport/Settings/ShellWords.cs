using System.Text;

namespace Orchestrator.Transport.Settings;

/// <summary>Splits a string into words the way /bin/sh would (quotes and backslashes; no expansions).</summary>
internal static class ShellWords
{
    /// <exception cref="FormatException">A quote is not closed.</exception>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException("a single quote is not closed");
                    }

                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        word.Append(text[i]);
                        i++;
                    }

                    if (i >= text.Length)
                    {
                        throw new FormatException("a double quote is not closed");
                    }

                    break;
                case '\\' when i + 1 < text.Length:
                    word.Append(text[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
