using System.Xml;
using System.Xml.Linq;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// Finds elements of a parsed document in its original text: the start tag (with each attribute's exact span and
/// quote) and the content up to the matching end tag, so <see cref="XmlTextEditor"/> can splice the text.
/// </summary>
internal sealed class XmlTagScanner(string text)
{
    private readonly string _text = text;
    private readonly int[] _lineStarts = LineStarts(text);

    /// <summary>The start tag of <paramref name="element"/> in the text, found from its line position.</summary>
    public XmlStartTag StartTagOf(XElement element)
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
        var attributes = new List<XmlAttributeSpan>();
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
                return new XmlStartTag(name, start, i + 1, false, attributesEnd, attributes);
            }

            if (_text[i] == '/' && i + 1 < _text.Length && _text[i + 1] == '>')
            {
                return new XmlStartTag(name, start, i + 2, true, attributesEnd, attributes);
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
            attributes.Add(new XmlAttributeSpan(attrName, spaceStart, valueStart, valueEnd - valueStart, quote, i));
            attributesEnd = i;
        }
    }

    /// <summary>Content between the start tag and the matching end tag, skipping comments, CDATA and nested same-named elements.</summary>
    public (int ContentStart, int ContentEnd, int EndTagEnd) FindContent(XmlStartTag tag)
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
}
