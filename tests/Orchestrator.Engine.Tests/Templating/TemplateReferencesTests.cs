using Orchestrator.Core.Errors;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Tests.Templating;

public sealed class TemplateReferencesTests
{
    private static readonly SourceLocation Here = new("play.yml", 1, 1);

    [Theory]
    [InlineData("{{ a ~ b }}", "a|b")]
    [InlineData("{{ [a, b, c] | join(',') }}", "a|b|c|f_join")]
    [InlineData("{{ a if c else b }}", "c")]
    [InlineData("{{ a and b }}", "a")]
    [InlineData("{{ a or b }}", "a")]
    [InlineData("{{ db.password }}", "db.password")]
    [InlineData("{{ db['pass word'].x }}", "db.pass word.x")]
    [InlineData("{{ db[key].x }}", "db|key")]
    [InlineData("{{ if a }}{{ b }}{{ else }}{{ c }}{{ end }}", "a")]
    [InlineData("{{ for x in items }}{{ x }}{{ b }}{{ end }}{{ c }}", "items|c")]
    [InlineData("{{ y = a }}{{ y }}", "a")]
    public void Of_Template_ListsTheVariablesEveryEvaluationReads(string text, string expected)
    {
        var parser = new TemplateParser();
        var template = JinjaTranslator.TryGetSingleExpression(text, out var expression) ? parser.ParseExpression(expression, Here) : parser.ParseText(text, Here);

        var found = TemplateReferences.Of(template).Select(r => string.Join(".", [r.Name, .. r.Path]));

        Assert.Equal(expected.Split('|').Order(StringComparer.Ordinal), found.Distinct().Order(StringComparer.Ordinal));
    }
}
