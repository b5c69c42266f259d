using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Templating;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>Reads conditions and expressions, and checks the template syntax of values, when the playbook loads.</summary>
internal sealed class ExpressionReader(PlaybookNodes nodes, TemplateEngine templates)
{
    public IEnumerable<Expression> Conditions(YamlNode node, string key)
    {
        var items = node is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[node];
        foreach (var item in items)
        {
            var value = nodes.ToPlain(item);
            var text = value switch
            {
                string s => s,
                bool b => b ? "true" : "false",
                long or double => PlainData.ToText(value),
                _ => throw new UserInputException($"'{key}' must be an expression or a list of expressions, but found {YamlData.Kind(item)}", nodes.At(item)),
            };
            var expr = new Expression(text, nodes.At(item));
            templates.CheckExpression(text, expr.Location);
            yield return expr;
        }
    }

    /// <summary>A string keyword that is a template (<paramref name="braces"/>) or a bare expression.</summary>
    public Expression Expr(YamlNode node, string key, bool braces)
    {
        var value = nodes.ToPlain(node);
        if (value is not (string or long or double or bool))
        {
            throw new UserInputException($"'{key}' must be a string, but found {YamlData.Kind(node)}", nodes.At(node));
        }

        var text = PlainData.ToText(value);
        if (braces)
        {
            templates.CheckText(text, nodes.At(node));
        }
        else
        {
            templates.CheckExpression(text, nodes.At(node));
        }

        return new Expression(text, nodes.At(node));
    }

    public void CheckText(string text, SourceLocation at) => templates.CheckText(text, at);

    public void CheckTemplates(object? value, SourceLocation at)
    {
        switch (value)
        {
            case string s when s.Contains("{{", StringComparison.Ordinal):
                templates.CheckText(s, at);
                break;
            case Dictionary<string, object?> d:
                foreach (var v in d.Values)
                {
                    CheckTemplates(v, at);
                }

                break;
            case List<object?> l:
                foreach (var v in l)
                {
                    CheckTemplates(v, at);
                }

                break;
        }
    }

    public void CheckIntegerOrTemplate(YamlNode node, string key)
    {
        var v = nodes.ToPlain(node);
        if (v is long l && l >= 0)
        {
            return;
        }

        if (v is string s && s.Contains("{{", StringComparison.Ordinal))
        {
            templates.CheckText(s, nodes.At(node));
            return;
        }

        throw new UserInputException($"'{key}' must be a non-negative integer, but found {YamlData.Kind(node)}", nodes.At(node));
    }
}
