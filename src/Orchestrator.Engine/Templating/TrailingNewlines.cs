using System.Text.RegularExpressions;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// Ansible's rule for a value that is one <c>{{ expr }}</c> followed by newlines (<c>"{{ name }}\n"</c>): Jinja drops
/// one trailing newline and Ansible adds the missing ones back to a string result, so a string keeps its newlines;
/// a list, a dict or a boolean is read back as itself (newline gone); a bare variable holding a number or a
/// boolean is returned as is (Ansible's single-variable shortcut, whose <c>$</c> ignores a final newline).
/// </summary>
internal static partial class TrailingNewlines
{
    /// <summary>The count of newlines <paramref name="text"/> ends with.</summary>
    public static int Count(string text)
    {
        var count = 0;
        while (count < text.Length && text[text.Length - 1 - count] == '\n')
        {
            count++;
        }

        return count;
    }

    /// <summary>The result of <paramref name="source"/> (ending in <paramref name="newlines"/> newlines) whose expression gave <paramref name="value"/>.</summary>
    public static object? Apply(string source, object? value, int newlines)
    {
        var bareVariable = BareVariable().IsMatch(source.TrimEnd('\n')) && newlines == 1;
        switch (value)
        {
            case bool when bareVariable || newlines == 1:
            case IDictionary<string, object?> or List<object?> when newlines == 1:
                return value;
            case int or long or double or float or decimal when bareVariable:
                return value;
            default:
                var text = PlainData.ToText(value) + new string('\n', newlines - 1);
                return text + new string('\n', Math.Max(0, newlines - Count(text)));
        }
    }

    [GeneratedRegex(@"^\{\{\s*[A-Za-z_]\w*\s*\}\}$", RegexOptions.CultureInvariant)]
    private static partial Regex BareVariable();
}
