using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;
using Orchestrator.Inventory.Python;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Inventory.Yaml;

/// <summary>
/// Reads a data file the way Ansible's DataLoader does: as JSON when the whole text is JSON, otherwise as
/// a single YAML document with PyYAML's YAML 1.1 typing. Produces a node tree with positions.
/// </summary>
internal static partial class YamlDocumentReader
{
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex YamlDotNetPositionPrefix();

    /// <summary>The document's root node, or null when the document is empty.</summary>
    /// <exception cref="UserInputException">The text is neither JSON nor well-formed YAML.</exception>
    public static YNode? Read(string text, string file) => TryReadJson(text) ?? ReadYaml(text, file);

    /// <summary>Like <see cref="Read"/>, but returns the YAML problem instead of throwing it.</summary>
    public static YNode? TryRead(string text, string file, out UserInputException? error)
    {
        error = null;
        try
        {
            return Read(text, file);
        }
        catch (UserInputException ex)
        {
            error = ex;
            return null;
        }
    }

    private static YNode? ReadYaml(string text, string file)
    {
        var parser = BoundedYamlParser.Over(text, file);
        var composer = new Composer(parser, file);
        try
        {
            return composer.ComposeSingleDocument();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet's scanner sometimes fails this way instead of with a YamlException (seen with an
            // unclosed flow sequence); point at the last thing that was read.
            throw new UserInputException(
                "found invalid YAML after this point, which the YAML parser cannot read (an unclosed [ or { or a misplaced ':' is the usual cause); expected well-formed YAML (check indentation, quotes and brackets)",
                new SourceLocation(file, composer.LastLine, composer.LastColumn));
        }
        catch (YamlException ex)
        {
            var message = YamlDotNetPositionPrefix().Replace(ex.Message, "").TrimEnd('.');
            if (ex.InnerException is YamlException innerYaml)
            {
                message += "; " + YamlDotNetPositionPrefix().Replace(innerYaml.Message, "").TrimEnd('.');
            }

            var line = (int)ex.Start.Line;
            var column = (int)ex.Start.Column;
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FindIndentingTab(text) is { } tab)
            {
                // YamlDotNet reports a tab in the indentation at the start of the mapping; point at the tab itself.
                (line, column) = tab;
            }

            throw new UserInputException(
                $"found invalid YAML ({char.ToLowerInvariant(message[0])}{message[1..]}); expected well-formed YAML (check indentation, quotes and brackets)",
                new SourceLocation(file, line, column));
        }
    }

    private static (int Line, int Column)? FindIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private sealed class Composer(IParser parser, string file)
    {
        private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);

        public int LastLine { get; private set; } = 1;

        public int LastColumn { get; private set; } = 1;

        public YNode? ComposeSingleDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ComposeNode();
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                throw new UserInputException(
                    "found a second YAML document (---); expected a single document in the file",
                    new SourceLocation(file, (int)next.Start.Line, (int)next.Start.Column));
            }

            return root;
        }

        private YNode ComposeNode()
        {
            var ev = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
            var line = (int)ev.Start.Line;
            var column = (int)ev.Start.Column;
            LastLine = line;
            LastColumn = column;
            switch (ev)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new UserInputException(
                            $"found the alias *{alias.Value.Value} before any anchor &{alias.Value.Value}; expected an anchor defined earlier in the file",
                            new SourceLocation(file, line, column));
                    }

                    return target;
                case Scalar scalar:
                {
                    parser.MoveNext();
                    var plain = scalar.Style == ScalarStyle.Plain;
                    string tag;
                    if (ExplicitTag(scalar.Tag) is { } written)
                    {
                        tag = written;
                    }
                    else if (scalar.Tag.IsEmpty && plain)
                    {
                        tag = YamlResolver.ResolvePlain(scalar.Value);
                    }
                    else
                    {
                        tag = YamlTags.Str;
                    }

                    var node = new YScalar(line, column, tag, scalar.Value, plain);
                    Remember(scalar.Anchor, node);
                    return node;
                }

                case SequenceStart start:
                {
                    parser.MoveNext();
                    var tag = ExplicitTag(start.Tag) ?? YamlTags.Seq;
                    var node = new YSequence(line, column, tag);
                    Remember(start.Anchor, node);
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        node.Items.Add(ComposeNode());
                    }

                    return node;
                }

                case MappingStart start:
                {
                    parser.MoveNext();
                    var tag = ExplicitTag(start.Tag) ?? YamlTags.Map;
                    var node = new YMapping(line, column, tag);
                    Remember(start.Anchor, node);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var key = ComposeNode();
                        var value = ComposeNode();
                        node.Pairs.Add(new KeyValuePair<YNode, YNode>(key, value));
                    }

                    return node;
                }

                default:
                    throw new UserInputException(
                        $"found YAML event {ev.GetType().Name}; expected a value",
                        new SourceLocation(file, line, column));
            }
        }

        /// <summary>The tag written on a node, or null when it has none (or only the non-specific '!').</summary>
        private static string? ExplicitTag(TagName tag) => !tag.IsEmpty && !tag.IsNonSpecific ? tag.Value : null;

        private void Remember(AnchorName anchor, YNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
        }
    }

    // Python's json.loads accepts any JSON value; numbers with '.', 'e' or 'E' are floats, others ints. JSON
    // nested deeper than the limit is left to the YAML reader, which reports it with its line and column.
    internal static YNode? TryReadJson(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '[' or '"' or '-' or 't' or 'f' or 'n' or (>= '0' and <= '9')))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = ReaderLimits.MaxDepth });
            if (!reader.Read())
            {
                return null;
            }

            var node = ReadJsonValue(ref reader, lineStarts);
            return reader.Read() ? null : node;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static YNode ReadJsonValue(ref Utf8JsonReader reader, List<int> lineStarts)
    {
        var offset = (int)reader.TokenStartIndex;
        var lineIndex = lineStarts.BinarySearch(offset);
        if (lineIndex < 0)
        {
            lineIndex = ~lineIndex - 1;
        }

        var line = lineIndex + 1;
        var column = offset - lineStarts[lineIndex] + 1;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var map = new YMapping(line, column, YamlTags.Map);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = ReadJsonValue(ref reader, lineStarts);
                    reader.Read();
                    var value = ReadJsonValue(ref reader, lineStarts);
                    map.Pairs.Add(new KeyValuePair<YNode, YNode>(key, value));
                }

                return map;
            }

            case JsonTokenType.StartArray:
            {
                var seq = new YSequence(line, column, YamlTags.Seq);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    seq.Items.Add(ReadJsonValue(ref reader, lineStarts));
                }

                return seq;
            }

            case JsonTokenType.String or JsonTokenType.PropertyName:
            {
                var s = reader.GetString()!;
                return new YScalar(line, column, YamlTags.Str, s, plain: false) { HasTypedValue = true, TypedValue = s };
            }

            case JsonTokenType.Number:
            {
                var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                object value = raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0
                    ? double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : PyData.Integer(BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                return new YScalar(line, column, value is double ? YamlTags.Float : YamlTags.Int, raw, plain: false)
                {
                    HasTypedValue = true,
                    TypedValue = value,
                };
            }

            case JsonTokenType.True or JsonTokenType.False:
            {
                var b = reader.TokenType == JsonTokenType.True;
                return new YScalar(line, column, YamlTags.Bool, b ? "true" : "false", plain: false) { HasTypedValue = true, TypedValue = b };
            }

            default:
                return new YScalar(line, column, YamlTags.Null, "null", plain: false) { HasTypedValue = true, TypedValue = null };
        }
    }
}
