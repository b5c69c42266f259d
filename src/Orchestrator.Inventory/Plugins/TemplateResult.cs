using Orchestrator.Inventory.Python;

namespace Orchestrator.Inventory.Plugins;

/// <summary>
/// What Ansible 2.14's templar (jinja2_native off) makes of a <c>{{ expression }}</c>: the value as text
/// (Python's <c>str</c>), read back as a Python literal when that text looks like a list, a dictionary or a
/// boolean (ansible_eval_concat). So a composed number is the string "5060", None is "None", and lists,
/// dictionaries and booleans keep their type. Except Templar's shortcut: an expression that is one bare
/// variable name holding a number or a boolean gives that value untouched, and one holding None gives None.
/// </summary>
internal static partial class TemplateResult
{
    // Templar.SINGLE_VAR: ^{{\s*(\w*)\s*}}$
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(\w*)\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SingleVariable();

    public static object? FromExpression(string expression, object? value, IReadOnlyDictionary<string, object?> variables)
    {
        var single = SingleVariable().Match(expression);
        if (single.Success && variables.TryGetValue(single.Groups[1].Value, out var raw) && raw is null or bool or long or double or System.Numerics.BigInteger)
        {
            return raw;
        }

        switch (value)
        {
            case null:
                // Ansible's finalize renders None as nothing.
                return "";
            case bool:
                return value;
            case List<object?> or Dictionary<string, object?>:
                // str() then literal_eval gives the same structure back.
                return value;
            default:
                var text = PyData.Str(value);
                if ((text.StartsWith('{') || text.StartsWith('[') || text is "True" or "False") && PythonLiteral.TryEvaluate(text, out var literal))
                {
                    return literal;
                }

                return text;
        }
    }
}
