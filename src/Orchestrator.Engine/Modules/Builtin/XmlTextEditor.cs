using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// Edits an XML document as text: XPath selects elements in a parsed copy (comments are not elements, so
/// commented-out settings never match), and each change is a splice of the original text at the element's
/// position. Everything not touched (comments, whitespace, attribute order and quoting, line endings) stays
/// byte for byte.
/// </summary>
internal sealed partial class XmlTextEditor
{
    private readonly string _text;
    private readonly XDocument _document;
    private readonly int[] _lineStarts;
    private readonly List<(int Start, int Length, string Replacement)> _edits = [];

    public XmlTextEditor(string text)
    {
        _text = text;
        try
        {
            _document = XDocument.Parse(text, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            throw new XmlEditException($"not well-formed XML at line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message}");
        }

        _lineStarts = LineStarts(text);
    }

    public List<XElement> Select(string xpath)
    {
        try
        {
            var result = _document.XPathEvaluate(xpath);
            if (result is IEnumerable<object> nodes)
            {
                var list = nodes.ToList();
                if (list.Any(n => n is not XElement))
                {
                    throw new XmlEditException($"xpath '{xpath}' must select elements (use 'attribute' to work on an attribute)");
                }

                return list.Cast<XElement>().ToList();
            }

            throw new XmlEditException($"xpath '{xpath}' must select elements, but gives a {result.GetType().Name}");
        }
        catch (XPathException ex)
        {
            throw new XmlEditException($"bad xpath '{xpath}': {ex.Message}");
        }
    }

    /// <summary>The edited text (all edits applied), or the original when nothing changed.</summary>
    public string Result()
    {
        var sb = new StringBuilder(_text);
        foreach (var (start, length, replacement) in _edits.OrderByDescending(e => e.Start))
        {
            sb.Remove(start, length).Insert(start, replacement);
        }

        return sb.ToString();
    }

    public bool Changed => _edits.Count > 0;

    /// <summary>Sets an attribute; returns false when it already has that value.</summary>
    public bool SetAttribute(XElement element, string name, string value)
    {
        var tag = ParseStartTag(element);
        var existing = tag.Attributes.FirstOrDefault(a => a.Name == name);
        if (existing is not null)
        {
            if (element.Attribute(name)?.Value == value)
            {
                return false;
            }

            _edits.Add((existing.ValueStart, existing.ValueLength, Escape(value, existing.Quote)));
            return true;
        }

        // New attribute: after the last one, with the document's usual quote.
        var quote = tag.Attributes.LastOrDefault()?.Quote ?? '"';
        _edits.Add((tag.AttributesEnd, 0, $" {name}={quote}{Escape(value, quote)}{quote}"));
        return true;
    }

    public bool RemoveAttribute(XElement element, string name)
    {
        var tag = ParseStartTag(element);
        var existing = tag.Attributes.FirstOrDefault(a => a.Name == name);
        if (existing is null)
        {
            return false;
        }

        _edits.Add((existing.LeadingSpaceStart, existing.End - existing.LeadingSpaceStart, string.Empty));
        return true;
    }

    /// <summary>Sets the element's text content (replacing whatever content it has).</summary>
    public bool SetText(XElement element, string value)
    {
        if (!element.HasElements && element.Value == value)
        {
            return false;
        }

        var tag = ParseStartTag(element);
        if (tag.SelfClosing)
        {
            // "<x a='1'/>" becomes "<x a='1'>value</x>": replace the "/>" only.
            _edits.Add((tag.End - 2, 2, $">{EscapeText(value)}</{tag.Name}>"));
            return true;
        }

        var (contentStart, contentEnd, _) = FindContent(tag);
        _edits.Add((contentStart, contentEnd - contentStart, EscapeText(value)));
        return true;
    }

    /// <summary>Removes the element; if it is alone on its line, the whole line goes.</summary>
    public void Remove(XElement element)
    {
        var tag = ParseStartTag(element);
        var end = tag.SelfClosing ? tag.End : FindContent(tag).EndTagEnd;
        var start = tag.Start;
        var lineStart = _text.LastIndexOf('\n', Math.Max(start - 1, 0)) + 1;
        var lineEnd = _text.IndexOf('\n', end);
        if (string.IsNullOrWhiteSpace(_text[lineStart..start]) && lineEnd >= 0 && string.IsNullOrWhiteSpace(_text[end..lineEnd]))
        {
            _edits.Add((lineStart, lineEnd + 1 - lineStart, string.Empty));
        }
        else
        {
            _edits.Add((start, end - start, string.Empty));
        }
    }

    /// <summary>
    /// Creates the element an xpath of the form <c>/a/b/name[@k='v'][@k2='v2']</c> describes, under its parent
    /// (which must exist), indented like its siblings. Returns the new element's text.
    /// </summary>
    public string Create(string xpath, IReadOnlyDictionary<string, string> extraAttributes, string? text)
    {
        var (parentPath, step) = SplitLastStep(xpath);
        var match = StepRegex().Match(step);
        if (!match.Success)
        {
            throw new XmlEditException(
                $"xpath '{xpath}' matches nothing, and its last step '{step}' is not of the form name[@attr='value'] that can be created");
        }

        var name = match.Groups["name"].Value;
        var attributes = new List<(string, string)>();
        foreach (Capture c in match.Groups["pred"].Captures)
        {
            var pm = PredicateRegex().Match(c.Value);
            attributes.Add((pm.Groups["attr"].Value, pm.Groups["value"].Value));
        }

        foreach (var (k, v) in extraAttributes)
        {
            if (!attributes.Any(a => a.Item1 == k))
            {
                attributes.Add((k, v));
            }
        }

        var parents = Select(parentPath);
        if (parents.Count != 1)
        {
            throw new XmlEditException(
                $"xpath '{xpath}' matches nothing, and its parent '{parentPath}' matches {parents.Count} elements (need exactly one to create it)");
        }

        var quote = '"';
        var element = new StringBuilder().Append('<').Append(name);
        foreach (var (k, v) in attributes)
        {
            element.Append(' ').Append(k).Append('=').Append(quote).Append(Escape(v, quote)).Append(quote);
        }

        element.Append(text is null ? "/>" : $">{EscapeText(text)}</{name}>");
        InsertChild(parents[0], element.ToString());
        return element.ToString();
    }

    private void InsertChild(XElement parent, string elementText)
    {
        var newline = _text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var tag = ParseStartTag(parent);
        var parentIndent = IndentOf(tag.Start);
        var lastChild = parent.Elements().LastOrDefault();
        if (lastChild is not null)
        {
            var childTag = ParseStartTag(lastChild);
            var childEnd = childTag.SelfClosing ? childTag.End : FindContent(childTag).EndTagEnd;
            _edits.Add((childEnd, 0, newline + IndentOf(childTag.Start) + elementText));
            return;
        }

        var unit = parentIndent.Contains('\t', StringComparison.Ordinal) ? "\t" : "  ";
        if (tag.SelfClosing)
        {
            _edits.Add((tag.End - 2, 2, $">{newline}{parentIndent}{unit}{elementText}{newline}{parentIndent}</{tag.Name}>"));
            return;
        }

        var (contentStart, contentEnd, _) = FindContent(tag);
        if (string.IsNullOrWhiteSpace(_text[contentStart..contentEnd]))
        {
            _edits.Add((contentStart, contentEnd - contentStart, $"{newline}{parentIndent}{unit}{elementText}{newline}{parentIndent}"));
        }
        else
        {
            // Only comments or text inside: put the new element after them, before the closing tag.
            var lineStart = _text.LastIndexOf('\n', contentEnd - 1) + 1;
            var closingOnOwnLine = string.IsNullOrWhiteSpace(_text[lineStart..contentEnd]);
            _edits.Add(closingOnOwnLine
                ? (lineStart, 0, $"{parentIndent}{unit}{elementText}{newline}")
                : (contentEnd, 0, $"{newline}{parentIndent}{unit}{elementText}{newline}{parentIndent}"));
        }
    }

    private string IndentOf(int offset)
    {
        var lineStart = _text.LastIndexOf('\n', Math.Max(offset - 1, 0)) + 1;
        if (offset == 0)
        {
            lineStart = 0;
        }

        var prefix = _text[lineStart..offset];
        return string.IsNullOrWhiteSpace(prefix) ? prefix : new string(prefix.TakeWhile(char.IsWhiteSpace).ToArray());
    }

    private static (string Parent, string Step) SplitLastStep(string xpath)
    {
        var depth = 0;
        for (var i = xpath.Length - 1; i >= 0; i--)
        {
            var c = xpath[i];
            if (c == ']')
            {
                depth++;
            }
            else if (c == '[')
            {
                depth--;
            }
            else if (c == '/' && depth == 0)
            {
                var parent = xpath[..i];
                if (parent.EndsWith('/'))
                {
                    throw new XmlEditException($"xpath '{xpath}' uses '//' before its last step; give the full path to create an element");
                }

                return (parent.Length == 0 ? "/" : parent, xpath[(i + 1)..]);
            }
        }

        throw new XmlEditException($"xpath '{xpath}' must be an absolute path (/a/b/c) to create an element");
    }

    private sealed record AttributeSpan(string Name, int LeadingSpaceStart, int ValueStart, int ValueLength, char Quote, int End);

    private sealed record StartTag(string Name, int Start, int End, bool SelfClosing, int AttributesEnd, List<AttributeSpan> Attributes);

    private StartTag ParseStartTag(XElement element)
    {
        var info = (IXmlLineInfo)element;
        if (!info.HasLineInfo())
        {
            throw new XmlEditException("internal error: element without position");
        }

        var nameAt = _lineStarts[info.LineNumber - 1] + info.LinePosition - 1;
        var start = nameAt - 1;
        if (start < 0 || _text[start] != '<')
        {
            throw new XmlEditException($"internal error: no '<' before element {element.Name} at line {info.LineNumber}");
        }

        var i = nameAt;
        while (i < _text.Length && !char.IsWhiteSpace(_text[i]) && _text[i] is not '/' and not '>')
        {
            i++;
        }

        var name = _text[nameAt..i];
        var attributes = new List<AttributeSpan>();
        var attributesEnd = i;
        while (true)
        {
            var spaceStart = i;
            while (i < _text.Length && char.IsWhiteSpace(_text[i]))
            {
                i++;
            }

            if (i >= _text.Length)
            {
                throw new XmlEditException($"unterminated start tag of {name}");
            }

            if (_text[i] == '>')
            {
                return new StartTag(name, start, i + 1, false, attributesEnd, attributes);
            }

            if (_text[i] == '/' && i + 1 < _text.Length && _text[i + 1] == '>')
            {
                return new StartTag(name, start, i + 2, true, attributesEnd, attributes);
            }

            var attrStart = i;
            while (i < _text.Length && _text[i] != '=' && !char.IsWhiteSpace(_text[i]))
            {
                i++;
            }

            var attrName = _text[attrStart..i];
            while (i < _text.Length && (char.IsWhiteSpace(_text[i]) || _text[i] == '='))
            {
                i++;
            }

            var quote = _text[i];
            var valueStart = i + 1;
            var valueEnd = _text.IndexOf(quote, valueStart);
            i = valueEnd + 1;
            attributes.Add(new AttributeSpan(attrName, spaceStart, valueStart, valueEnd - valueStart, quote, i));
            attributesEnd = i;
        }
    }

    /// <summary>Content between the start tag and the matching end tag, skipping comments, CDATA and nested same-named elements.</summary>
    private (int ContentStart, int ContentEnd, int EndTagEnd) FindContent(StartTag tag)
    {
        var depth = 1;
        var i = tag.End;
        while (i < _text.Length)
        {
            var lt = _text.IndexOf('<', i);
            if (lt < 0)
            {
                break;
            }

            if (string.CompareOrdinal(_text, lt, "<!--", 0, 4) == 0)
            {
                i = _text.IndexOf("-->", lt + 4, StringComparison.Ordinal) + 3;
                continue;
            }

            if (string.CompareOrdinal(_text, lt, "<![CDATA[", 0, 9) == 0)
            {
                i = _text.IndexOf("]]>", lt + 9, StringComparison.Ordinal) + 3;
                continue;
            }

            if (string.CompareOrdinal(_text, lt, "<?", 0, 2) == 0)
            {
                i = _text.IndexOf("?>", lt + 2, StringComparison.Ordinal) + 2;
                continue;
            }

            var gt = FindTagEnd(lt);
            var closing = _text[lt + 1] == '/';
            var nameStart = closing ? lt + 2 : lt + 1;
            var nameEnd = nameStart;
            while (nameEnd < gt && !char.IsWhiteSpace(_text[nameEnd]) && _text[nameEnd] is not '/' and not '>')
            {
                nameEnd++;
            }

            if (_text[nameStart..nameEnd] == tag.Name)
            {
                if (closing)
                {
                    depth--;
                    if (depth == 0)
                    {
                        return (tag.End, lt, gt + 1);
                    }
                }
                else if (_text[gt - 1] != '/')
                {
                    depth++;
                }
            }

            i = gt + 1;
        }

        throw new XmlEditException($"no end tag for {tag.Name}");
    }

    private int FindTagEnd(int lt)
    {
        var quote = '\0';
        for (var i = lt + 1; i < _text.Length; i++)
        {
            var c = _text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        throw new XmlEditException("unterminated tag");
    }

    /// <summary>Line start offsets, counting \r\n, \n and lone \r as line breaks like XmlReader does.</summary>
    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }

    private static string Escape(string value, char quote) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(quote.ToString(), quote == '"' ? "&quot;" : "&apos;", StringComparison.Ordinal);

    private static string EscapeText(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<name>[A-Za-z_][\w.\-]*)(?<pred>\[\s*@[\w.\-:]+\s*=\s*(['""])[^'""]*\1\s*\])*$")]
    private static partial Regex StepRegex();

    [GeneratedRegex(@"@(?<attr>[\w.\-:]+)\s*=\s*(['""])(?<value>[^'""]*)\1")]
    private static partial Regex PredicateRegex();
}
