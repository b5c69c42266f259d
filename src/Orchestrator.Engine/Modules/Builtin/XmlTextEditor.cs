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
    private readonly XmlTagScanner _tags;
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

        _tags = new XmlTagScanner(text);
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
        var tag = _tags.StartTagOf(element);
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
        var tag = _tags.StartTagOf(element);
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

        var tag = _tags.StartTagOf(element);
        if (tag.SelfClosing)
        {
            // "<x a='1'/>" becomes "<x a='1'>value</x>": replace the "/>" only.
            _edits.Add((tag.End - 2, 2, $">{EscapeText(value)}</{tag.Name}>"));
            return true;
        }

        var (contentStart, contentEnd, _) = _tags.FindContent(tag);
        _edits.Add((contentStart, contentEnd - contentStart, EscapeText(value)));
        return true;
    }

    /// <summary>Removes the element; if it is alone on its line, the whole line goes.</summary>
    public void Remove(XElement element)
    {
        var tag = _tags.StartTagOf(element);
        var end = tag.SelfClosing ? tag.End : _tags.FindContent(tag).EndTagEnd;
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
        var tag = _tags.StartTagOf(parent);
        var parentIndent = IndentOf(tag.Start);
        var lastChild = parent.Elements().LastOrDefault();
        if (lastChild is not null)
        {
            var childTag = _tags.StartTagOf(lastChild);
            var childEnd = childTag.SelfClosing ? childTag.End : _tags.FindContent(childTag).EndTagEnd;
            _edits.Add((childEnd, 0, newline + IndentOf(childTag.Start) + elementText));
            return;
        }

        var unit = parentIndent.Contains('\t', StringComparison.Ordinal) ? "\t" : "  ";
        if (tag.SelfClosing)
        {
            _edits.Add((tag.End - 2, 2, $">{newline}{parentIndent}{unit}{elementText}{newline}{parentIndent}</{tag.Name}>"));
            return;
        }

        var (contentStart, contentEnd, _) = _tags.FindContent(tag);
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
