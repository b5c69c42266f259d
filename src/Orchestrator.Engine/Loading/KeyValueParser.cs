using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Ansible's <c>k=v</c> strings, for module arguments written inline and for <c>-e</c>: <c>split_args</c> and
/// <c>parse_kv</c> of ansible-core 2.14 (<c>lib/ansible/parsing/splitter.py</c>). Words split on spaces and
/// newlines, except inside quotes and <c>{{ }}</c>, <c>{% %}</c>, <c>{# #}</c> blocks; each word's Python
/// escapes are decoded; a word is <c>key=value</c> at its first <c>=</c> not escaped as <c>\=</c> (and not
/// its first character), and the value loses one pair of matching outer quotes. Other words are free-form.
/// Where Ansible fails with an internal error (leading spaces or newlines), this parser skips the blanks.
/// </summary>
internal static partial class KeyValueParser
{
    /// <summary>The options <c>command</c> and <c>shell</c> take out of their command line (parse_kv's list).</summary>
    public static readonly IReadOnlySet<string> CommandOptions = new HashSet<string>(StringComparer.Ordinal)
    {
        "creates", "removes", "chdir", "executable", "warn", "stdin", "stdin_add_newline", "strip_empty_ends",
    };

    /// <param name="text">The string as written.</param>
    /// <param name="location">Where it was written, for errors (null for the command line).</param>
    /// <param name="onlyKeys">
    /// Ansible's <c>check_raw</c>: only these keys are options; every other word, <c>k=v</c> or not, stays in the
    /// free-form text as written.
    /// </param>
    /// <exception cref="UserInputException">Unbalanced quotes or template blocks, or an escape that cannot be decoded.</exception>
    public static KeyValueArguments Parse(string text, SourceLocation? location = null, IReadOnlySet<string>? onlyKeys = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = new List<KeyValuePair<string, string>>();
        var freeForm = new List<string>();
        foreach (var word in Split(text, location))
        {
            var decoded = DecodeEscapes(word, text, location);
            if (!decoded.Contains('=', StringComparison.Ordinal))
            {
                freeForm.Add(word);
                continue;
            }

            var equals = SeparatorIndex(decoded);
            if (equals < 0)
            {
                // Only escaped '=' signs: a free-form word, unescaped.
                freeForm.Add(decoded.Replace("\\=", "=", StringComparison.Ordinal));
                continue;
            }

            var key = decoded[..equals];
            if (onlyKeys is not null && !onlyKeys.Contains(key))
            {
                freeForm.Add(word);
                continue;
            }

            options.Add(new KeyValuePair<string, string>(key.Trim(), Unquote(decoded[(equals + 1)..].Trim())));
        }

        return new KeyValueArguments(options, freeForm);
    }

    /// <summary>
    /// <c>split_args</c>: words split on spaces and newlines, put back together where the split fell inside quotes
    /// or a template block. Repeated spaces and newlines inside a word are kept.
    /// </summary>
    public static List<string> Split(string text, SourceLocation? location = null)
    {
        var words = new List<string>();
        char? quote = null;
        var printDepth = 0;
        var blockDepth = 0;
        var commentDepth = 0;
        var lines = text.Split('\n');
        for (var lineIndex = 0; lineIndex < lines.Length; lineIndex++)
        {
            var tokens = lines[lineIndex].Split(' ');
            var continued = false;
            for (var i = 0; i < tokens.Length; i++)
            {
                var token = tokens[i];
                if (token.Length == 0 && i != 0)
                {
                    if (words.Count > 0)
                    {
                        words[^1] += " ";
                    }

                    continue;
                }

                var wasInsideQuotes = quote is not null;
                if (token == "\\" && !wasInsideQuotes)
                {
                    continued = true;
                    continue;
                }

                quote = QuoteState(token, quote);
                var insideQuotes = quote is not null;
                var inBlock = printDepth > 0 || blockDepth > 0 || commentDepth > 0;
                var appended = false;
                if (insideQuotes && !wasInsideQuotes && !inBlock)
                {
                    words.Add(token);
                    appended = true;
                }
                else if ((inBlock || insideQuotes || wasInsideQuotes) && words.Count > 0)
                {
                    words[^1] += i == 0 && wasInsideQuotes ? token
                        : tokens.Length > 1 ? (i > 0 ? " " : string.Empty) + token
                        : "\n" + token;
                    appended = true;
                }

                appended |= Depth(token, ref printDepth, "{{", "}}", words, appended);
                appended |= Depth(token, ref blockDepth, "{%", "%}", words, appended);
                appended |= Depth(token, ref commentDepth, "{#", "#}", words, appended);
                if (printDepth == 0 && blockDepth == 0 && commentDepth == 0 && quote is null && !appended && token.Length > 0)
                {
                    words.Add(token);
                }
            }

            if (lines.Length > 1 && lineIndex != lines.Length - 1 && !continued && words.Count > 0)
            {
                words[^1] += "\n";
            }
        }

        if (printDepth > 0 || blockDepth > 0 || commentDepth > 0 || quote is not null)
        {
            throw new UserInputException($"unbalanced quotes or template braces in '{text}'", location);
        }

        return words;
    }

    /// <summary><c>join_args</c>: free-form words back into one string, a space between them except after a newline.</summary>
    public static string Join(IEnumerable<string> words)
    {
        var result = new StringBuilder();
        foreach (var word in words)
        {
            if (result.Length > 0 && result[^1] != '\n')
            {
                result.Append(' ');
            }

            result.Append(word);
        }

        return result.ToString();
    }

    /// <summary>The quote still open after a token (a quote preceded by a backslash does not count).</summary>
    private static char? QuoteState(string token, char? quote)
    {
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c is '"' or '\'' && (i == 0 || token[i - 1] != '\\'))
            {
                if (quote is null)
                {
                    quote = c;
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
        }

        return quote;
    }

    /// <summary>Adjusts a block depth by the token's opening and closing marks; true when a changed depth started a new word.</summary>
    private static bool Depth(string token, ref int depth, string open, string close, List<string> words, bool appended)
    {
        var opened = Count(token, open);
        var closed = Count(token, close);
        var before = depth;
        if (opened != closed)
        {
            depth = Math.Max(0, depth + opened - closed);
        }

        if (depth == before || appended)
        {
            return false;
        }

        words.Add(token);
        return true;
    }

    private static int Count(string text, string mark)
    {
        var count = 0;
        for (var at = text.IndexOf(mark, StringComparison.Ordinal); at >= 0; at = text.IndexOf(mark, at + mark.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The first '=' after the first character that no backslash escapes; -1 when there is none.</summary>
    private static int SeparatorIndex(string word)
    {
        for (var at = word.IndexOf('=', 1); at >= 0; at = word.IndexOf('=', at + 1))
        {
            if (word[at - 1] != '\\')
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>Drops one pair of matching outer quotes, unless the closing one is escaped.</summary>
    private static string Unquote(string value) =>
        value.Length > 1 && value[0] == value[^1] && value[0] is '"' or '\'' && value[^2] != '\\' ? value[1..^1] : value;

    private static string DecodeEscapes(string word, string text, SourceLocation? location) =>
        EscapeSequence().Replace(word, m => m.Value[1] switch
        {
            'U' or 'u' or 'x' => CodePoint(m.Value, text, location),
            'N' => throw new UserInputException($"the escape '{m.Value}' (a character by name) is not supported in '{text}'; write the character itself", location),
            'a' => "\a",
            'b' => "\b",
            'f' => "\f",
            'n' => "\n",
            'r' => "\r",
            't' => "\t",
            'v' => "\v",
            var c => c.ToString(),
        });

    private static string CodePoint(string escape, string text, SourceLocation? location)
    {
        var value = int.Parse(escape.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return value switch
        {
            > 0x10FFFF or < 0 => throw new UserInputException($"the escape '{escape}' is not a Unicode character, in '{text}'", location),
            >= 0xD800 and <= 0xDFFF => ((char)value).ToString(),
            _ => char.ConvertFromUtf32(value),
        };
    }

    // Python's string escapes, as Ansible's _decode_escapes matches them.
    [GeneratedRegex("""\\U[0-9a-fA-F]{8}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\N\{[^}]+\}|\\[\\'"abfnrtv]""")]
    private static partial Regex EscapeSequence();
}
