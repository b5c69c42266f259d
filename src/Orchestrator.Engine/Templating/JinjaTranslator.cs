using System.Globalization;
using System.Text;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// Translates the Jinja-style expressions playbook authors write (<c>a and not b</c>, <c>x | default(5)</c>,
/// <c>x is defined</c>, <c>a in b</c>, <c>'a' ~ b</c>, <c>x if c else y</c>, <c>s.split(',')</c>) into Scriban
/// expressions over the engine's function set. Scriban does the parsing and evaluation; this class only
/// rewrites tokens, keeping Jinja's precedence: filters and tests bind to the operand just before them.
/// </summary>
internal static class JinjaTranslator
{
    /// <summary>The global a <c>name=value</c> argument of lookup()/query() becomes (it wraps the pair for the callee).</summary>
    public const string KeywordArgumentFunction = "__kwarg";

    /// <summary>Scriban statements that may open a code block in a template file; they are kept as they are.</summary>
    private static readonly HashSet<string> StatementKeywords = new(StringComparer.Ordinal)
    {
        "end", "else", "capture", "func", "ret", "break", "continue", "with", "tablerow", "import",
        "readonly", "include", "wrap", "case", "do",
    };

    /// <summary>Translates one expression; throws <see cref="TemplateSyntaxException"/> with the column of the problem.</summary>
    public static string TranslateExpression(string expression)
    {
        var parser = new Parser(Tokenize(expression), expression);
        var result = parser.ParseConditional(TokenKind.End);
        parser.Expect(TokenKind.End);
        return result;
    }

    /// <summary>
    /// Translates every <c>{{ }}</c> block of a text (a playbook string or a template file); text outside
    /// the blocks is kept byte for byte. Scriban statements (<c>if</c>, <c>for x in</c>, <c>end</c>, ...) are
    /// kept, and their expressions translated.
    /// </summary>
    public static string TranslateText(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            sb.Append(text, i, open - i);
            var close = FindBlockEnd(text, open + 2);
            if (close < 0)
            {
                throw new TemplateSyntaxException("'{{' is not closed by '}}'", open);
            }

            var inner = text.Substring(open + 2, close - open - 2);
            sb.Append("{{");
            try
            {
                sb.Append(TranslateBlock(inner));
            }
            catch (TemplateSyntaxException ex)
            {
                throw new TemplateSyntaxException(ex.Detail, open + 2 + ex.Offset);
            }

            sb.Append("}}");
            i = close + 2;
        }

        return sb.ToString();
    }

    /// <summary>True when the whole text is one <c>{{ expr }}</c> block (its value keeps its type, as in Ansible).</summary>
    public static bool TryGetSingleExpression(string text, out string expression)
    {
        expression = string.Empty;
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("{{", StringComparison.Ordinal) || !trimmed.EndsWith("}}", StringComparison.Ordinal))
        {
            return false;
        }

        var close = FindBlockEnd(trimmed, 2);
        if (close != trimmed.Length - 2)
        {
            return false;
        }

        var inner = trimmed[2..^2];
        var firstWord = FirstWord(inner.TrimStart('-', '~', ' ', '\t'));
        if (firstWord is "if" or "for" or "while" || StatementKeywords.Contains(firstWord))
        {
            return false;
        }

        expression = inner.Trim().Trim('-', '~').Trim();
        return expression.Length > 0;
    }

    private static string TranslateBlock(string inner)
    {
        // Keep Scriban whitespace control markers ({{- -}} {{~ ~}}) around the translated expression.
        var start = 0;
        var end = inner.Length;
        while (start < end && char.IsWhiteSpace(inner[start]))
        {
            start++;
        }

        if (start < end && inner[start] is '-' or '~')
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(inner[end - 1]))
        {
            end--;
        }

        if (end > start && inner[end - 1] is '-' or '~' && (end - 1 == start || inner[end - 2] != '-'))
        {
            end--;
        }

        var prefix = inner[..start];
        var body = inner[start..end];
        var suffix = inner[end..];
        if (body.Trim().Length == 0 || body.TrimStart().StartsWith('#'))
        {
            return inner;
        }

        var lead = body.Length - body.TrimStart().Length;
        var word = FirstWord(body.TrimStart());
        string translated;
        if (word is "if" or "while" or "elsif" or "when")
        {
            translated = word + " " + Offset(lead + word.Length, () => TranslateExpression(body.TrimStart()[word.Length..]));
        }
        else if (word == "else" && FirstWord(body.TrimStart()[4..].TrimStart()) == "if")
        {
            var rest = body.TrimStart()[4..].TrimStart()[2..];
            translated = "else if " + Offset(lead + body.TrimStart().Length - rest.Length, () => TranslateExpression(rest));
        }
        else if (word == "for")
        {
            var after = body.TrimStart()[3..];
            var inAt = FindWord(after, "in");
            if (inAt < 0)
            {
                throw new TemplateSyntaxException("'for' needs 'in'", lead);
            }

            var source = after[(inAt + 2)..];
            translated = "for" + after[..(inAt + 2)] + " " + Offset(lead + 3 + inAt + 2, () => TranslateExpression(source));
        }
        else if (StatementKeywords.Contains(word) || IsAssignment(body))
        {
            translated = body;
        }
        else
        {
            translated = Offset(lead, () => TranslateExpression(body));
        }

        return prefix + translated + suffix;
    }

    private static string Offset(int offset, Func<string> translate)
    {
        try
        {
            return translate();
        }
        catch (TemplateSyntaxException ex)
        {
            throw new TemplateSyntaxException(ex.Detail, offset + ex.Offset);
        }
    }

    private static bool IsAssignment(string body)
    {
        // "x = 1" (a Scriban assignment in a template file), not "x == 1".
        var t = body.TrimStart();
        var i = 0;
        while (i < t.Length && (char.IsLetterOrDigit(t[i]) || t[i] is '_' or '.'))
        {
            i++;
        }

        while (i < t.Length && char.IsWhiteSpace(t[i]))
        {
            i++;
        }

        return i > 0 && i < t.Length - 1 && t[i] == '=' && t[i + 1] != '=';
    }

    private static string FirstWord(string s)
    {
        var i = 0;
        while (i < s.Length && (char.IsLetter(s[i]) || s[i] == '_'))
        {
            i++;
        }

        return s[..i];
    }

    private static int FindWord(string s, string word)
    {
        for (var i = 0; i + word.Length <= s.Length; i++)
        {
            if (string.CompareOrdinal(s, i, word, 0, word.Length) == 0
                && (i == 0 || !IsIdentChar(s[i - 1]))
                && (i + word.Length == s.Length || !IsIdentChar(s[i + word.Length])))
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindBlockEnd(string text, int from)
    {
        char quote = '\0';
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsIdentChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    internal enum TokenKind
    {
        Identifier,
        Number,
        String,
        Operator,
        OpenParen,
        CloseParen,
        OpenBracket,
        CloseBracket,
        OpenBrace,
        CloseBrace,
        Comma,
        Colon,
        Dot,
        Pipe,
        End,
    }

    internal readonly record struct Token(TokenKind Kind, string Text, int Offset);

    private static readonly string[] Operators =
    [
        "==", "!=", "<=", ">=", "&&", "||", "//", "**", "??", "<", ">", "+", "-", "*", "/", "%", "~", "!", "?", "=",
    ];

    internal static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsLetter(c) || c == '_')
            {
                while (i < s.Length && IsIdentChar(s[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, s[start..i], start));
            }
            else if (char.IsDigit(c))
            {
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '_'
                    || (s[i] == '.' && i + 1 < s.Length && char.IsDigit(s[i + 1]))))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, s[start..i].Replace("_", string.Empty, StringComparison.Ordinal), start));
            }
            else if (c is '\'' or '"')
            {
                i++;
                var sb = new StringBuilder();
                var closed = false;
                while (i < s.Length)
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        sb.Append(s[i]).Append(s[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (s[i] == c)
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    sb.Append(s[i]);
                    i++;
                }

                if (!closed)
                {
                    throw new TemplateSyntaxException("string literal is not closed", start);
                }

                // Scriban reads single- and double-quoted strings with the same escapes.
                tokens.Add(new Token(TokenKind.String, c + sb.ToString() + c, start));
            }
            else
            {
                var kind = c switch
                {
                    '(' => TokenKind.OpenParen,
                    ')' => TokenKind.CloseParen,
                    '[' => TokenKind.OpenBracket,
                    ']' => TokenKind.CloseBracket,
                    '{' => TokenKind.OpenBrace,
                    '}' => TokenKind.CloseBrace,
                    ',' => TokenKind.Comma,
                    ':' => TokenKind.Colon,
                    '.' => TokenKind.Dot,
                    _ => TokenKind.Operator,
                };
                if (kind != TokenKind.Operator)
                {
                    tokens.Add(new Token(kind, c.ToString(), start));
                    i++;
                    continue;
                }

                if (c == '|' && (i + 1 >= s.Length || s[i + 1] != '|'))
                {
                    tokens.Add(new Token(TokenKind.Pipe, "|", start));
                    i++;
                    continue;
                }

                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(s, i, o, 0, o.Length) == 0);
                if (op is null)
                {
                    throw new TemplateSyntaxException($"unexpected character '{c}'", start);
                }

                tokens.Add(new Token(TokenKind.Operator, op, start));
                i += op.Length;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, s.Length));
        return tokens;
    }

    private sealed class Parser(List<Token> tokens, string source)
    {
        private int _pos;

        private Token Current => tokens[_pos];

        private Token Peek(int n = 1) => tokens[Math.Min(_pos + n, tokens.Count - 1)];

        public void Expect(TokenKind kind)
        {
            if (Current.Kind != kind)
            {
                throw new TemplateSyntaxException(
                    kind == TokenKind.End ? $"unexpected '{Current.Text}'" : $"expected {Describe(kind)} but found '{Describe(Current)}'",
                    Current.Offset);
            }

            _pos++;
        }

        private static string Describe(Token t) => t.Kind == TokenKind.End ? "end of expression" : t.Text;

        private static string Describe(TokenKind k) => k switch
        {
            TokenKind.CloseParen => "')'",
            TokenKind.CloseBracket => "']'",
            TokenKind.CloseBrace => "'}'",
            TokenKind.Colon => "':'",
            TokenKind.Identifier => "a name",
            _ => k.ToString(),
        };

        private bool IsWord(string word) => Current.Kind == TokenKind.Identifier && Current.Text == word;

        /// <summary>cond-expr := or-expr [ 'if' or-expr [ 'else' cond-expr ] ]</summary>
        public string ParseConditional(TokenKind closer)
        {
            var value = ParseSequence();
            if (IsWord("if"))
            {
                _pos++;
                var condition = ParseSequence();
                var otherwise = "null";
                if (IsWord("else"))
                {
                    _pos++;
                    otherwise = ParseConditional(closer);
                }

                return $"(({condition}) ? ({value}) : ({otherwise}))";
            }

            if (Current.Kind != closer && Current.Kind is not (TokenKind.Comma or TokenKind.Colon or TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.CloseBrace or TokenKind.End))
            {
                throw new TemplateSyntaxException($"unexpected '{Describe(Current)}'", Current.Offset);
            }

            return value;
        }

        /// <summary>A flat run of operands and binary operators; 'not' wraps everything up to the next and/or.</summary>
        private string ParseSequence()
        {
            var sb = new StringBuilder();
            var openNots = 0;
            while (true)
            {
                while (IsWord("not"))
                {
                    _pos++;
                    sb.Append("!(");
                    openNots++;
                }

                var operand = ParseOperand();
                if (IsWord("in") || (IsWord("not") && Peek().Kind == TokenKind.Identifier && Peek().Text == "in"))
                {
                    var negate = IsWord("not");
                    _pos += negate ? 2 : 1;
                    var container = ParseOperand();
                    operand = $"{(negate ? "!" : string.Empty)}t_in({operand}, {container})";
                }

                sb.Append(operand);
                string? op = null;
                if (Current.Kind == TokenKind.Operator && Current.Text is not ("!" or "?" or "="))
                {
                    op = Current.Text;
                }
                else if (IsWord("and"))
                {
                    op = "&&";
                }
                else if (IsWord("or"))
                {
                    op = "||";
                }

                if (op is null)
                {
                    break;
                }

                _pos++;
                if (op is "&&" or "||" or "??")
                {
                    sb.Append(')', openNots);
                    openNots = 0;
                }

                sb.Append(op switch
                {
                    "~" => " + \"\" + ",
                    "**" => throw new TemplateSyntaxException("'**' is not supported; use math.pow", tokens[_pos - 1].Offset),
                    _ => " " + op + " ",
                });
            }

            sb.Append(')', openNots);
            return sb.ToString();
        }

        private string ParseOperand()
        {
            var prefix = string.Empty;
            while (Current.Kind == TokenKind.Operator && Current.Text is "!" or "-" or "+")
            {
                prefix += Current.Text;
                _pos++;
            }

            var value = prefix + ParsePostfix(ParsePrimary());
            while (true)
            {
                if (Current.Kind == TokenKind.Pipe)
                {
                    _pos++;
                    value = ParseFilter(value);
                }
                else if (IsWord("is"))
                {
                    _pos++;
                    value = ParseTest(value);
                }
                else
                {
                    return value;
                }
            }
        }

        private string ParsePrimary()
        {
            var t = Current;
            switch (t.Kind)
            {
                case TokenKind.OpenParen:
                    {
                        _pos++;
                        var inner = ParseConditional(TokenKind.CloseParen);
                        Expect(TokenKind.CloseParen);
                        return "(" + inner + ")";
                    }

                case TokenKind.OpenBracket:
                    {
                        _pos++;
                        var items = ParseList(TokenKind.CloseBracket);
                        return "[" + string.Join(", ", items) + "]";
                    }

                case TokenKind.OpenBrace:
                    {
                        _pos++;
                        var entries = new List<string>();
                        while (Current.Kind != TokenKind.CloseBrace)
                        {
                            var key = ParseConditional(TokenKind.Colon);
                            Expect(TokenKind.Colon);
                            var val = ParseConditional(TokenKind.Comma);
                            entries.Add(key + ": " + val);
                            if (Current.Kind == TokenKind.Comma)
                            {
                                _pos++;
                            }
                            else
                            {
                                break;
                            }
                        }

                        Expect(TokenKind.CloseBrace);
                        return "{" + string.Join(", ", entries) + "}";
                    }

                case TokenKind.String:
                    _pos++;
                    return t.Text;
                case TokenKind.Number:
                    _pos++;
                    return t.Text;
                case TokenKind.Identifier:
                    _pos++;
                    return t.Text switch
                    {
                        "True" or "true" => "true",
                        "False" or "false" => "false",
                        "None" or "none" or "null" => "null",
                        _ => t.Text,
                    };
                default:
                    throw new TemplateSyntaxException(
                        t.Kind == TokenKind.End ? "expression ends too early" : $"unexpected '{t.Text}'", t.Offset);
            }
        }

        private string ParsePostfix(string value)
        {
            while (true)
            {
                if (Current.Kind == TokenKind.Dot)
                {
                    _pos++;
                    var member = Current;
                    if (member.Kind == TokenKind.Number && int.TryParse(member.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        _pos++;
                        value = $"{value}[{member.Text}]";
                        continue;
                    }

                    if (member.Kind != TokenKind.Identifier)
                    {
                        throw new TemplateSyntaxException($"expected a name after '.' but found '{Describe(member)}'", member.Offset);
                    }

                    _pos++;
                    if (Current.Kind == TokenKind.OpenParen && TemplateFunctions.Methods.Contains(member.Text))
                    {
                        _pos++;
                        var args = ParseList(TokenKind.CloseParen);
                        args.Insert(0, value);
                        value = $"m_{member.Text}({string.Join(", ", args)})";
                    }
                    else if (Current.Kind == TokenKind.OpenParen && value is "string" or "array" or "math" or "regex" or "object" or "date" or "html" or "timespan")
                    {
                        value = $"{value}.{member.Text}";
                    }
                    else if (Current.Kind == TokenKind.OpenParen)
                    {
                        throw new TemplateSyntaxException(
                            $"method '{member.Text}()' is not supported; supported methods: {string.Join(", ", TemplateFunctions.Methods.Order(StringComparer.Ordinal))}",
                            member.Offset);
                    }
                    else
                    {
                        value = $"{value}.{member.Text}";
                    }
                }
                else if (Current.Kind == TokenKind.OpenBracket)
                {
                    var at = Current.Offset;
                    _pos++;
                    var index = ParseConditional(TokenKind.CloseBracket);
                    if (Current.Kind == TokenKind.Colon)
                    {
                        throw new TemplateSyntaxException("slices ([a:b]) are not supported; use array.limit/array.offset", at);
                    }

                    Expect(TokenKind.CloseBracket);
                    value = $"{value}[{index}]";
                }
                else if (Current.Kind == TokenKind.OpenParen)
                {
                    var name = value;
                    var at = Current.Offset;
                    _pos++;
                    var args = ParseList(TokenKind.CloseParen, keywords: name is "lookup" or "query" or "q");
                    if (TemplateFunctions.Globals.Contains(name))
                    {
                        value = $"g_{name}({string.Join(", ", args)})";
                    }
                    else if (name.Contains('.', StringComparison.Ordinal) || TemplateFunctions.Filters.Contains(name))
                    {
                        value = $"{(name.Contains('.', StringComparison.Ordinal) ? name : "f_" + name)}({string.Join(", ", args)})";
                    }
                    else
                    {
                        throw new TemplateSyntaxException($"unknown function '{name}'", at);
                    }
                }
                else
                {
                    return value;
                }
            }
        }

        private string ParseFilter(string operand)
        {
            var name = Current;
            if (name.Kind != TokenKind.Identifier)
            {
                throw new TemplateSyntaxException($"expected a filter name after '|' but found '{Describe(name)}'", name.Offset);
            }

            _pos++;
            var fullName = name.Text;
            if (Current.Kind == TokenKind.Dot)
            {
                // A Scriban builtin such as string.upcase, called with the operand first.
                _pos++;
                var member = Current;
                Expect(TokenKind.Identifier);
                fullName = name.Text + "." + member.Text;
            }
            else if (!TemplateFunctions.Filters.Contains(fullName))
            {
                throw new TemplateSyntaxException(
                    $"unknown filter '{fullName}'; supported filters: {string.Join(", ", TemplateFunctions.Filters.Order(StringComparer.Ordinal))}",
                    name.Offset);
            }

            var args = new List<string> { operand };
            if (Current.Kind == TokenKind.OpenParen)
            {
                _pos++;
                args.AddRange(ParseList(TokenKind.CloseParen));
            }

            var target = fullName.Contains('.', StringComparison.Ordinal) ? fullName : "f_" + fullName;
            return $"{target}({string.Join(", ", args)})";
        }

        private string ParseTest(string operand)
        {
            var negate = false;
            if (IsWord("not"))
            {
                negate = true;
                _pos++;
            }

            var name = Current;
            if (name.Kind != TokenKind.Identifier || !TemplateFunctions.Tests.Contains(name.Text))
            {
                throw new TemplateSyntaxException(
                    $"unknown test '{Describe(name)}' after 'is'; supported tests: {string.Join(", ", TemplateFunctions.Tests.Order(StringComparer.Ordinal))}",
                    name.Offset);
            }

            _pos++;
            var args = new List<string> { operand };
            if (Current.Kind == TokenKind.OpenParen)
            {
                _pos++;
                args.AddRange(ParseList(TokenKind.CloseParen));
            }
            else if (Current.Kind is TokenKind.String or TokenKind.Number)
            {
                args.Add(Current.Text);
                _pos++;
            }

            return $"{(negate ? "!" : string.Empty)}t_{name.Text}({string.Join(", ", args)})";
        }

        private List<string> ParseList(TokenKind closer, bool keywords = false)
        {
            var items = new List<string>();
            while (Current.Kind != closer)
            {
                if (keywords && Current.Kind == TokenKind.Identifier && Peek().Kind == TokenKind.Operator && Peek().Text == "=")
                {
                    var keyword = Current.Text;
                    _pos += 2;
                    items.Add($"g_{KeywordArgumentFunction}(\"{keyword}\", {ParseConditional(closer)})");
                }
                else if (Current.Kind == TokenKind.Identifier && Peek().Kind == TokenKind.Operator && Peek().Text == "=")
                {
                    throw new TemplateSyntaxException(
                        $"keyword arguments ('{Current.Text}=') are not supported; pass the value by position", Current.Offset);
                }

                else
                {
                    items.Add(ParseConditional(closer));
                }

                if (Current.Kind == TokenKind.Comma)
                {
                    _pos++;
                }
                else
                {
                    break;
                }
            }

            if (Current.Kind != closer)
            {
                throw new TemplateSyntaxException($"expected {Describe(closer)} but found '{Describe(Current)}'", Current.Offset);
            }

            _pos++;
            _ = source;
            return items;
        }
    }
}
