using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Tests.Templating;

public sealed class TemplateEngineTests
{
    private static readonly SourceLocation Here = new("play.yml", 3, 7);

    private readonly TemplateEngine _engine = new(new SecretRedactor());

    private static DictionarySource Vars() => new(new Dictionary<string, object?>
    {
        ["rtp_start_port"] = 16384L,
        ["port_text"] = "20000",
        ["name"] = "fs1",
        ["skip"] = false,
        ["result"] = new Dictionary<string, object?> { ["rc"] = 0L, ["stdout"] = "a,b\nc", ["changed"] = true },
        ["items"] = new List<object?> { "x", "y" },
        ["nested"] = "{{ rtp_start_port + 2 }}",
        ["none_value"] = null,
    });

    [Theory]
    [InlineData("{{ rtp_start_port }}", 16384L)]
    [InlineData("port {{ rtp_start_port }}", "port 16384")]
    [InlineData("{{ undefined_thing | default(5) }}", 5L)]
    [InlineData("{{ port_text | int + 1 }}", 20001L)]
    [InlineData("{{ items | join(',') }}", "x,y")]
    [InlineData("{{ result.stdout.split(',')[0] }}", "a")]
    [InlineData("{{ 'yes' | bool }}", true)]
    [InlineData("{{ name | upper }}", "FS1")]
    [InlineData("{{ nested }}", 16386L)]
    [InlineData("{{ result.stdout | regex_search('b\\\\nc') }}", "b\nc")]
    [InlineData("{{ 'a' ~ rtp_start_port }}", "a16384")]
    [InlineData("{{ 1 if skip else 2 }}", 2L)]
    [InlineData("{{ missing is defined }}", false)]
    [InlineData("{{ result.missing is not defined }}", true)]
    [InlineData("{{ 'x' in items }}", true)]
    [InlineData("{{ 'z' not in items }}", true)]
    [InlineData("{{ items | length }}", 2L)]
    [InlineData("{{ none_value is none }}", true)]
    [InlineData("{{ name | regex_replace('^fs(\\\\d)$', 'host\\\\1') }}", "host1")]
    public void Render_JinjaStyleExpression_GivesAnsibleResult(string text, object expected)
    {
        Assert.Equal(expected, _engine.Render(text, Vars(), Here));
    }

    [Theory]
    [InlineData("result.rc == 0 and not skip", true)]
    [InlineData("not result.rc == 0", false)]
    [InlineData("result is changed", true)]
    [InlineData("result.rc != 0 or skip", false)]
    [InlineData("rtp_start_port > 1000 and name == 'fs1'", true)]
    [InlineData("missing | default(true)", true)]
    public void EvaluateCondition_Expression_GivesTruth(string expression, bool expected)
    {
        Assert.Equal(expected, _engine.EvaluateCondition(expression, Vars(), Here));
    }

    [Theory]
    [InlineData("{{ nope }}", "nope")]
    [InlineData("value={{ nope + 1 }}", "nope")]
    [InlineData("{{ result.nope }}", "result.nope")]
    [InlineData("{{ nope | upper }}", "nope")]
    public void Render_UndefinedVariable_IsErrorNamingItAndTheFile(string text, string variable)
    {
        var ex = Assert.Throws<UserInputException>(() => _engine.Render(text, Vars(), Here));
        Assert.Contains($"undefined variable '{variable}'", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("play.yml:3:7: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateCondition_UndefinedVariable_IsError()
    {
        var ex = Assert.Throws<UserInputException>(() => _engine.EvaluateCondition("nope == 1", Vars(), Here));
        Assert.Contains("undefined variable 'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ x | nosuchfilter }}", "unknown filter 'nosuchfilter'")]
    [InlineData("{{ x is nosuchtest }}", "unknown test 'nosuchtest'")]
    [InlineData("{{ (x }}", "expected ')'")]
    public void CheckText_BadSyntax_IsErrorWithLocation(string text, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => _engine.CheckText(text, Here));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("play.yml:3:7: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderFile_ScribanStatementsAndJinjaExpressions_Render()
    {
        var text = "{{ for i in items }}[{{ i | upper }}]{{ end }}\n{{ if rtp_start_port > 10 and not skip }}big{{ else }}small{{ end }}\n";
        Assert.Equal("[X][Y]\nbig\n", _engine.RenderFile(text, "t.conf", Vars()));
    }

    [Fact]
    public void RenderFile_Undefined_ReportsTemplateLine()
    {
        var ex = Assert.Throws<UserInputException>(() => _engine.RenderFile("line1\nvalue={{ nope }}\n", "t.conf", Vars()));
        Assert.StartsWith("t.conf:2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SecretVariable_RendersValueAndRegistersItForRedaction()
    {
        var redactor = new SecretRedactor();
        var engine = new TemplateEngine(redactor);
        var vars = new DictionarySource(new Dictionary<string, object?> { ["pw"] = new Secret("s3cret-value") });
        Assert.Equal("pw=s3cret-value", engine.Render("pw={{ pw }}", vars, Here));
        Assert.Equal("pw=[REDACTED]", redactor.Redact("pw=s3cret-value"));
    }
}

internal sealed class DictionarySource(Dictionary<string, object?> values) : IVariableSource
{
    public bool TryGet(string name, out object? value, out bool templatable)
    {
        templatable = true;
        return values.TryGetValue(name, out value);
    }
}
