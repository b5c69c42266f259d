using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Inventory.Yaml;

/// <summary>
/// A YamlDotNet parser that holds a document to <see cref="ReaderLimits"/> while it is parsed: nesting depth,
/// and the nodes and scalar characters the document stands for once every alias is expanded. It counts an alias
/// as the whole subtree of its anchor, so a "billion laughs" stops at its first few lines, before any reader
/// (ours or YamlDotNet's) recurses into it or expands it. An alias to an anchor that is still open (a
/// recursive structure) is refused too. Every YAML reader wraps its parser in one of these.
/// </summary>
public sealed class BoundedYamlParser(IParser inner, string file) : IParser
{
    private readonly Dictionary<string, Extent> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<OpenAnchor> _open = new();
    private int _depth;
    private long _nodes;
    private long _chars;

    /// <summary>Wraps YamlDotNet's own parser over <paramref name="text"/>, after refusing what YAML does not allow in a stream.</summary>
    public static BoundedYamlParser Over(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckPrintable(text, file);
        return new(new Parser(new StringReader(text)), file);
    }

    /// <inheritdoc/>
    public ParsingEvent? Current => inner.Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        Count(inner.Current!);
        return true;
    }

    private void Count(ParsingEvent ev)
    {
        switch (ev)
        {
            case DocumentStart:
                _anchors.Clear();
                _open.Clear();
                _depth = 0;
                break;
            case Scalar scalar:
                Add(ev, 1, scalar.Value.Length, 0);
                Close(scalar.Anchor, ev);
                break;
            case NodeEvent { Anchor.IsEmpty: false } node when node is SequenceStart or MappingStart:
                Add(ev, 1, 0, 1);
                _depth++;
                _open.Push(new OpenAnchor(node.Anchor.Value, _depth, _nodes - 1, _chars));
                break;
            case SequenceStart or MappingStart:
                Add(ev, 1, 0, 1);
                _depth++;
                break;
            case SequenceEnd or MappingEnd:
                if (_open.TryPeek(out var top) && top.Depth == _depth)
                {
                    _open.Pop();
                    _anchors[top.Name] = new Extent(_nodes - top.Nodes, _chars - top.Chars, top.MaxDepth - top.Depth + 1);
                }

                _depth--;
                break;
            case AnchorAlias alias:
                if (_open.Any(a => a.Name == alias.Value.Value))
                {
                    throw new InputLimitException(
                        $"found the alias *{alias.Value.Value} inside its own anchor &{alias.Value.Value} (a recursive structure); expected an alias to a finished node",
                        At(ev));
                }

                if (_anchors.TryGetValue(alias.Value.Value, out var extent))
                {
                    Add(ev, extent.Nodes, extent.Chars, extent.Depth);
                }

                break;
        }
    }

    // The node events of an anchored scalar end where they start.
    private void Close(AnchorName anchor, ParsingEvent ev)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = new Extent(1, ((Scalar)ev).Value.Length, 0);
        }
    }

    private void Add(ParsingEvent ev, long nodes, long chars, int depth)
    {
        _nodes += nodes;
        _chars += chars;
        var reached = _depth + depth;
        foreach (var open in _open)
        {
            open.MaxDepth = Math.Max(open.MaxDepth, reached);
        }

        if (reached > ReaderLimits.MaxDepth)
        {
            throw new InputLimitException(
                $"found mappings and lists nested more than {ReaderLimits.MaxDepth} deep (aliases expanded); expected at most {ReaderLimits.MaxDepth} levels (the readers' depth limit)",
                At(ev));
        }

        if (_nodes > ReaderLimits.MaxExpandedNodes)
        {
            throw new InputLimitException(
                $"found a document that stands for more than {ReaderLimits.MaxExpandedNodes:N0} values once its aliases are expanded (an alias bomb?); expected at most {ReaderLimits.MaxExpandedNodes:N0} (the readers' size limit)",
                At(ev));
        }

        if (_chars > ReaderLimits.MaxExpandedChars)
        {
            throw new InputLimitException(
                $"found a document that stands for more than {ReaderLimits.MaxExpandedChars / (1024 * 1024)} MiB of text once its aliases are expanded; expected at most {ReaderLimits.MaxExpandedChars / (1024 * 1024)} MiB (the readers' size limit)",
                At(ev));
        }
    }

    // YAML 1.1 (and PyYAML, so Ansible) refuses control characters other than tab and line breaks anywhere in a
    // stream; YamlDotNet reads a NUL as a character of a plain scalar.
    private static void CheckPrintable(string text, string file)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if ((c < ' ' && c is not '\t' and not '\r') || c == '\x7f')
            {
                throw new UserInputException(
                    $"found the control character U+{(int)c:X4}; expected printable text (YAML allows tabs and line breaks, no other control characters)",
                    new SourceLocation(file, line, i - lineStart + 1));
            }
        }
    }

    private SourceLocation At(ParsingEvent ev) => new(file, (int)ev.Start.Line, (int)ev.Start.Column);

    private readonly record struct Extent(long Nodes, long Chars, int Depth);

    private sealed class OpenAnchor(string name, int depth, long nodes, long chars)
    {
        public string Name { get; } = name;

        public int Depth { get; } = depth;

        public long Nodes { get; } = nodes;

        public long Chars { get; } = chars;

        public int MaxDepth { get; set; } = depth;
    }
}
