using System.Globalization;
using System.Numerics;
using System.Text;
using Orchestrator.Core.Input;

namespace Orchestrator.Inventory.Python;

/// <summary>
/// Python's <c>ast.literal_eval</c> for the values Ansible's INI plugin reads: numbers, strings (with
/// prefixes, escapes and implicit concatenation), <c>True</c>/<c>False</c>/<c>None</c>, tuples, lists,
/// dicts and sets. Anything that is not a literal (names, calls, operators, syntax errors) is reported
/// as such and the INI plugin keeps the text. Complex numbers, <c>...</c> and <c>\N{name}</c> escapes are
/// treated as "not a literal": Ansible cannot print the first two, and the third needs the Unicode name table.
/// </summary>
internal static class PythonLiteral
{
    /// <summary>Ansible's INI <c>_parse_value</c>: the literal's value, or the text unchanged.</summary>
    public static object? ParseIniValue(string text) => TryEvaluate(text, out var value) ? value : text;

    public static bool TryEvaluate(string source, out object? value)
    {
        var parser = new Parser(new Lexer(source.TrimStart(' ', '\t')));
        return parser.TryParseTop(out value);
    }

    private enum Kind
    {
        End,
        Number,
        String,
        Name,
        Op,
        Error,
    }

    private readonly record struct Token(Kind Kind, string Text, object? Value, bool IsBytes = false, bool IsFString = false);

    private sealed class Lexer(string s)
    {
        private int _pos;

        public Token Next()
        {
            while (_pos < s.Length && s[_pos] is ' ' or '\t' or '\f')
            {
                _pos++;
            }

            if (_pos >= s.Length || s[_pos] == '#')
            {
                _pos = s.Length;
                return new Token(Kind.End, "", null);
            }

            var c = s[_pos];
            if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < s.Length && char.IsAsciiDigit(s[_pos + 1])))
            {
                return LexNumber();
            }

            if (c is '\'' or '"')
            {
                return LexString(_pos, "");
            }

            if (c == '_' || char.IsLetter(c) || c > 0x7f)
            {
                var start = _pos;
                while (_pos < s.Length && (s[_pos] == '_' || char.IsLetterOrDigit(s[_pos]) || (s[_pos] > 0x7f && !char.IsWhiteSpace(s[_pos]))))
                {
                    _pos++;
                }

                var name = s[start.._pos];
                if (_pos < s.Length && s[_pos] is '\'' or '"' && IsStringPrefix(name))
                {
                    return LexString(_pos, name.ToLowerInvariant());
                }

                return new Token(Kind.Name, name, null);
            }

            if (c == '.' && _pos + 2 < s.Length && s[_pos + 1] == '.' && s[_pos + 2] == '.')
            {
                _pos += 3;
                return new Token(Kind.Op, "...", null);
            }

            _pos++;
            return new Token(Kind.Op, c.ToString(), null);
        }

        private static bool IsStringPrefix(string name) =>
            name.ToLowerInvariant() is "r" or "u" or "b" or "f" or "br" or "rb" or "fr" or "rf";

        private Token LexString(int quotePos, string prefix)
        {
            var q = s[quotePos];
            var triple = quotePos + 2 < s.Length && s[quotePos + 1] == q && s[quotePos + 2] == q;
            var i = quotePos + (triple ? 3 : 1);
            var bodyStart = i;
            int bodyEnd;
            while (true)
            {
                if (i >= s.Length)
                {
                    return Error();
                }

                var c = s[i];
                if (c == '\\')
                {
                    if (i + 1 >= s.Length)
                    {
                        return Error();
                    }

                    i += 2;
                    continue;
                }

                if (triple ? i + 2 < s.Length && c == q && s[i + 1] == q && s[i + 2] == q : c == q)
                {
                    bodyEnd = i;
                    i += triple ? 3 : 1;
                    break;
                }

                if (!triple && c is '\n' or '\r')
                {
                    return Error();
                }

                i++;
            }

            _pos = i;
            var body = s[bodyStart..bodyEnd];
            var raw = prefix.Contains('r', StringComparison.Ordinal);
            var bytes = prefix.Contains('b', StringComparison.Ordinal);
            var fstring = prefix.Contains('f', StringComparison.Ordinal);
            if (fstring)
            {
                return new Token(Kind.String, "", "", IsFString: true);
            }

            if (bytes)
            {
                foreach (var ch in body)
                {
                    if (ch > 0x7f)
                    {
                        return Error();
                    }
                }
            }

            string? text = raw ? body : Unescape(body, bytes);
            return text is null ? Error() : new Token(Kind.String, "", text, IsBytes: bytes);
        }

        private static string? Unescape(string body, bool bytes)
        {
            if (!body.Contains('\\', StringComparison.Ordinal))
            {
                return body;
            }

            var sb = new StringBuilder(body.Length);
            var raw = bytes ? new List<byte>(body.Length) : null;
            void Put(int codePoint)
            {
                if (raw is not null)
                {
                    raw.Add((byte)codePoint);
                }
                else
                {
                    sb.Append(char.ConvertFromUtf32(codePoint));
                }
            }

            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                if (c != '\\')
                {
                    if (raw is not null)
                    {
                        raw.Add((byte)c);
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    continue;
                }

                var e = body[++i];
                switch (e)
                {
                    case '\n':
                        break;
                    case '\\' or '\'' or '"':
                        Put(e);
                        break;
                    case 'a':
                        Put(7);
                        break;
                    case 'b':
                        Put(8);
                        break;
                    case 'f':
                        Put(12);
                        break;
                    case 'n':
                        Put(10);
                        break;
                    case 'r':
                        Put(13);
                        break;
                    case 't':
                        Put(9);
                        break;
                    case 'v':
                        Put(11);
                        break;
                    case >= '0' and <= '7':
                        var oct = e - '0';
                        for (var k = 0; k < 2 && i + 1 < body.Length && body[i + 1] is >= '0' and <= '7'; k++)
                        {
                            oct = (oct * 8) + (body[++i] - '0');
                        }

                        if (bytes && oct > 0xff)
                        {
                            return null;
                        }

                        Put(oct);
                        break;
                    case 'x':
                        if (!TryHex(body, i + 1, 2, out var x))
                        {
                            return null;
                        }

                        i += 2;
                        Put(x);
                        break;
                    case 'u' or 'U' when !bytes:
                        var width = e == 'u' ? 4 : 8;
                        if (!TryHex(body, i + 1, width, out var u) || u > 0x10FFFF || u is >= 0xD800 and <= 0xDFFF)
                        {
                            return null;
                        }

                        i += width;
                        Put(u);
                        break;
                    case 'N' when !bytes:
                        return null; // \N{NAME} needs the Unicode name table; treated as "not a literal".
                    default:
                        Put('\\');
                        Put(e);
                        break;
                }
            }

            return raw is null ? sb.ToString() : Encoding.UTF8.GetString(raw.ToArray());
        }

        private static bool TryHex(string s, int start, int count, out int value)
        {
            value = 0;
            if (start + count > s.Length)
            {
                return false;
            }

            for (var k = 0; k < count; k++)
            {
                var d = HexValue(s[start + k]);
                if (d < 0)
                {
                    return false;
                }

                value = (value * 16) + d;
            }

            return true;
        }

        private static int HexValue(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        private Token LexNumber()
        {
            var start = _pos;
            if (s[_pos] == '0' && _pos + 1 < s.Length && s[_pos + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
            {
                var radix = char.ToLowerInvariant(s[_pos + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
                _pos += 2;
                var digits = new StringBuilder();
                var expectDigit = true;
                while (_pos < s.Length)
                {
                    var c = s[_pos];
                    if (c == '_' && !expectDigit && digits.Length > 0)
                    {
                        expectDigit = true;
                        _pos++;
                        continue;
                    }

                    if (c == '_' && digits.Length == 0)
                    {
                        expectDigit = true;
                        _pos++;
                        continue;
                    }

                    var d = HexValue(c);
                    if (d < 0 || d >= radix)
                    {
                        break;
                    }

                    digits.Append(c);
                    expectDigit = false;
                    _pos++;
                }

                if (digits.Length == 0 || expectDigit || IsNameChar())
                {
                    return Error();
                }

                var value = BigInteger.Zero;
                foreach (var c in digits.ToString())
                {
                    value = (value * radix) + HexValue(c);
                }

                return new Token(Kind.Number, s[start.._pos], PyData.Integer(value));
            }

            var intPart = ReadDigitPart();
            if (intPart is null)
            {
                return Error();
            }

            var isFloat = false;
            string? fraction = null;
            if (_pos < s.Length && s[_pos] == '.')
            {
                _pos++;
                isFloat = true;
                if (_pos < s.Length && char.IsAsciiDigit(s[_pos]))
                {
                    fraction = ReadDigitPart();
                    if (fraction is null)
                    {
                        return Error();
                    }
                }
            }

            string? exponent = null;
            if (_pos < s.Length && s[_pos] is 'e' or 'E')
            {
                var save = _pos;
                _pos++;
                var sign = "";
                if (_pos < s.Length && s[_pos] is '+' or '-')
                {
                    sign = s[_pos].ToString();
                    _pos++;
                }

                if (_pos < s.Length && char.IsAsciiDigit(s[_pos]))
                {
                    var expDigits = ReadDigitPart();
                    if (expDigits is null)
                    {
                        return Error();
                    }

                    exponent = sign + expDigits;
                    isFloat = true;
                }
                else
                {
                    _pos = save;
                    return Error();
                }
            }

            if (_pos < s.Length && s[_pos] is 'j' or 'J')
            {
                _pos++;
                return IsNameChar() ? Error() : new Token(Kind.Number, "complex", null);
            }

            if (IsNameChar())
            {
                return Error();
            }

            if (isFloat)
            {
                var text = (intPart.Length == 0 ? "0" : intPart) + "." + (fraction ?? "0") + (exponent is null ? "" : "e" + exponent);
                return new Token(Kind.Number, s[start.._pos], double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            if (intPart.Length > 1 && intPart[0] == '0' && intPart.Any(ch => ch != '0'))
            {
                return Error(); // "leading zeros in decimal integer literals are not permitted"
            }

            return new Token(Kind.Number, s[start.._pos], PyData.Integer(BigInteger.Parse(intPart, CultureInfo.InvariantCulture)));
        }

        // digit (["_"] digit)*; null when an underscore is misplaced. Empty when the number starts with '.'.
        private string? ReadDigitPart()
        {
            var sb = new StringBuilder();
            while (_pos < s.Length)
            {
                var c = s[_pos];
                if (char.IsAsciiDigit(c))
                {
                    sb.Append(c);
                    _pos++;
                }
                else if (c == '_')
                {
                    if (sb.Length == 0 || _pos + 1 >= s.Length || !char.IsAsciiDigit(s[_pos + 1]))
                    {
                        return null;
                    }

                    _pos++;
                }
                else
                {
                    break;
                }
            }

            return sb.ToString();
        }

        private bool IsNameChar() => _pos < s.Length && (s[_pos] == '_' || char.IsLetterOrDigit(s[_pos]) || s[_pos] > 0x7f);

        private Token Error()
        {
            _pos = s.Length;
            return new Token(Kind.Error, "", null);
        }
    }

    private sealed class Parser(Lexer lexer)
    {
        private Token _current = lexer.Next();
        private int _depth;

        public bool TryParseTop(out object? value)
        {
            value = null;
            if (!TryParseItem(out var first))
            {
                return false;
            }

            if (IsOp(","))
            {
                var items = new List<object?> { first };
                while (IsOp(","))
                {
                    Advance();
                    if (_current.Kind == Kind.End)
                    {
                        break;
                    }

                    if (!TryParseItem(out var item))
                    {
                        return false;
                    }

                    items.Add(item);
                }

                first = items;
            }

            if (_current.Kind != Kind.End)
            {
                return false;
            }

            value = first;
            return true;
        }

        private void Advance() => _current = lexer.Next();

        private bool IsOp(string op) => _current.Kind == Kind.Op && _current.Text == op;

        // Nesting beyond the readers' depth limit is not a literal, as Python's parser refuses too deep a
        // nesting ("too many nested parentheses") and Ansible then keeps the text; it also keeps this recursion bounded.
        private bool TryParseItem(out object? value)
        {
            value = null;
            if (++_depth > ReaderLimits.MaxDepth)
            {
                return false;
            }

            var parsed = TryParseSignedItem(out value);
            _depth--;
            return parsed;
        }

        // A literal, optionally signed. Binary '+'/'-' is only a literal for complex numbers, which are not supported.
        private bool TryParseSignedItem(out object? value)
        {
            value = null;
            if (IsOp("+") || IsOp("-"))
            {
                var negate = IsOp("-");
                Advance();
                if (!TryParseAtom(out var operand, out var isNumber) || !isNumber)
                {
                    return false;
                }

                value = !negate ? operand : operand switch
                {
                    long l when l != long.MinValue => -l,
                    long l => -new BigInteger(l),
                    BigInteger b => PyData.Integer(-b),
                    double d => -d,
                    _ => operand,
                };
            }
            else if (!TryParseAtom(out value, out _))
            {
                return false;
            }

            return !(IsOp("+") || IsOp("-"));
        }

        private bool TryParseAtom(out object? value, out bool isNumberConstant)
        {
            value = null;
            isNumberConstant = false;
            var token = _current;
            switch (token.Kind)
            {
                case Kind.Number:
                    Advance();
                    if (token.Value is null)
                    {
                        return false; // complex
                    }

                    value = token.Value;
                    isNumberConstant = true;
                    return true;
                case Kind.String:
                    return TryParseStrings(out value);
                case Kind.Name:
                    Advance();
                    switch (token.Text)
                    {
                        case "True":
                            value = true;
                            return true;
                        case "False":
                            value = false;
                            return true;
                        case "None":
                            return true;
                        case "set":
                            if (!IsOp("("))
                            {
                                return false;
                            }

                            Advance();
                            if (!IsOp(")"))
                            {
                                return false;
                            }

                            Advance();
                            value = new List<object?>();
                            return true;
                        default:
                            return false;
                    }

                case Kind.Op when token.Text == "(":
                    Advance();
                    if (IsOp(")"))
                    {
                        Advance();
                        value = new List<object?>();
                        return true;
                    }

                    var startsSigned = IsOp("+") || IsOp("-");
                    if (!TryParseItem(out var inner))
                    {
                        return false;
                    }

                    if (IsOp(")"))
                    {
                        Advance();
                        value = inner;
                        isNumberConstant = !startsSigned && inner is long or BigInteger or double;
                        return true;
                    }

                    if (!IsOp(","))
                    {
                        return false;
                    }

                    var tuple = new List<object?> { inner };
                    if (!TryParseRest(tuple, ")"))
                    {
                        return false;
                    }

                    value = tuple;
                    return true;
                case Kind.Op when token.Text == "[":
                    Advance();
                    var list = new List<object?>();
                    if (IsOp("]"))
                    {
                        Advance();
                        value = list;
                        return true;
                    }

                    if (!TryParseItem(out var firstItem))
                    {
                        return false;
                    }

                    list.Add(firstItem);
                    if (!TryParseRest(list, "]"))
                    {
                        return false;
                    }

                    value = list;
                    return true;
                case Kind.Op when token.Text == "{":
                    Advance();
                    return TryParseBraces(out value);
                default:
                    return false;
            }
        }

        // After the first element: (',' item)* [','] close.
        private bool TryParseRest(List<object?> items, string close)
        {
            while (true)
            {
                if (IsOp(close))
                {
                    Advance();
                    return true;
                }

                if (!IsOp(","))
                {
                    return false;
                }

                Advance();
                if (IsOp(close))
                {
                    Advance();
                    return true;
                }

                if (!TryParseItem(out var item))
                {
                    return false;
                }

                items.Add(item);
            }
        }

        private bool TryParseBraces(out object? value)
        {
            value = null;
            if (IsOp("}"))
            {
                Advance();
                value = new Dictionary<string, object?>(StringComparer.Ordinal);
                return true;
            }

            if (!TryParseItem(out var first))
            {
                return false;
            }

            if (!IsOp(":"))
            {
                var set = new List<object?> { first };
                if (!TryParseRest(set, "}"))
                {
                    return false;
                }

                value = set;
                return true;
            }

            var dict = new PyDictBuilder();
            while (true)
            {
                Advance(); // ':'
                if (!TryParseItem(out var item))
                {
                    return false;
                }

                if (!dict.TryAdd(first, item))
                {
                    return false;
                }

                if (IsOp("}"))
                {
                    Advance();
                    break;
                }

                if (!IsOp(","))
                {
                    return false;
                }

                Advance();
                if (IsOp("}"))
                {
                    Advance();
                    break;
                }

                if (!TryParseItem(out first) || !IsOp(":"))
                {
                    return false;
                }
            }

            value = dict.Build();
            return true;
        }

        private bool TryParseStrings(out object? value)
        {
            value = null;
            var sb = new StringBuilder();
            bool? bytes = null;
            while (_current.Kind == Kind.String)
            {
                if (_current.IsFString || (bytes is { } b && b != _current.IsBytes))
                {
                    return false;
                }

                bytes = _current.IsBytes;
                sb.Append((string)_current.Value!);
                Advance();
            }

            value = sb.ToString();
            return true;
        }
    }
}
