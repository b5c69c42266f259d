using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Tests.Templating;

/// <summary>A single <c>{{ }}</c> followed by newlines, as ansible-playbook 2.14 renders it (checked with <c>copy: content:</c>).</summary>
public sealed class TemplateTrailingNewlineTests
{
    private static readonly SourceLocation Here = new("play.yml", 3, 7);

    private readonly TemplateEngine _engine = new(new SecretRedactor());

    private static DictionarySource Vars() => new(new Dictionary<string, object?>
    {
        ["name"] = "fs1",
        ["port"] = 5L,
        ["flag"] = true,
        ["items"] = new List<object?> { "x" },
    });

    [Theory]
    [InlineData("{{ name }}\n", "fs1\n")]
    [InlineData("{{ name }}\n\n", "fs1\n\n")]
    [InlineData("{{ name | upper }}\n", "FS1\n")]
    [InlineData("{{ 'a' if port > 1 else 'b' }}\n", "a\n")]
    [InlineData("{{ 5 }}\n", "5\n")]
    [InlineData("{{ port + 1 }}\n", "6\n")]
    public void Render_StringOrComputedNumber_KeepsTrailingNewlines(string text, string expected)
    {
        Assert.Equal(expected, _engine.Render(text, Vars(), Here));
    }

    [Fact]
    public void Render_BareNumberVariable_IsTheNumberWithoutNewline()
    {
        Assert.Equal(5L, _engine.Render("{{ port }}\n", Vars(), Here));
        Assert.Equal(true, _engine.Render("{{ flag }}\n", Vars(), Here));
    }

    [Fact]
    public void Render_ListFollowedByNewline_StaysAList()
    {
        Assert.Equal(new List<object?> { "x" }, _engine.Render("{{ items }}\n", Vars(), Here));
    }
}
