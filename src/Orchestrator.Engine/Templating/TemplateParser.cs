using System.Collections.Concurrent;
using Orchestrator.Core.Errors;
using Scriban;
using Scriban.Parsing;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// Translates Jinja-style text with <see cref="JinjaTranslator"/> and parses it with Scriban, once per distinct
/// text (thread-safe); a syntax error becomes a <see cref="UserInputException"/> at the place the text came from.
/// </summary>
internal sealed class TemplateParser
{
    private static readonly LexerOptions ExpressionLexer = new() { Mode = ScriptMode.ScriptOnly };

    private readonly ConcurrentDictionary<string, Template> _expressions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Template> _texts = new(StringComparer.Ordinal);

    /// <summary>A bare expression such as a <c>when</c>.</summary>
    public Template ParseExpression(string expression, SourceLocation location) =>
        _expressions.GetOrAdd(expression, e => Parse(e, "expression", JinjaTranslator.TranslateExpression, t => Template.Parse(t, null, null, ExpressionLexer), location));

    /// <summary>A string that may hold <c>{{ }}</c> blocks.</summary>
    public Template ParseText(string text, SourceLocation location) =>
        _texts.GetOrAdd(text, t => Parse(t, "template", JinjaTranslator.TranslateText, s => Template.Parse(s), location));

    /// <summary>A whole template file; errors carry the template's own line and column.</summary>
    public Template ParseFile(string text, string path) =>
        _texts.GetOrAdd("file:" + path + "\n" + text, _ => ParseFileText(text, path));

    /// <summary>The 1-based line and column of a character offset in <paramref name="text"/>.</summary>
    public static (int Line, int Column) LineColumn(string text, int offset)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    private static Template Parse(string source, string what, Func<string, string> translate, Func<string, Template> parse, SourceLocation location)
    {
        string translated;
        try
        {
            translated = translate(source);
        }
        catch (TemplateSyntaxException ex)
        {
            throw new UserInputException($"bad {what} \"{source}\": {ex.Detail} (at character {ex.Offset + 1})", location);
        }

        var template = parse(translated);
        if (template.HasErrors)
        {
            throw new UserInputException($"bad {what} \"{source}\": {string.Join("; ", template.Messages.Select(m => m.Message))}", location);
        }

        return template;
    }

    private static Template ParseFileText(string text, string path)
    {
        string translated;
        try
        {
            translated = JinjaTranslator.TranslateText(text);
        }
        catch (TemplateSyntaxException ex)
        {
            var (line, column) = LineColumn(text, ex.Offset);
            throw new UserInputException($"bad template: {ex.Detail}", new SourceLocation(path, line, column));
        }

        var template = Template.Parse(translated, path);
        if (template.HasErrors)
        {
            var first = template.Messages.First();
            throw new UserInputException(
                $"bad template: {first.Message}",
                new SourceLocation(path, first.Span.Start.Line + 1, first.Span.Start.Column + 1));
        }

        return template;
    }
}
