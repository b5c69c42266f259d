using System.Globalization;
using System.Text;

namespace Orchestrator.Cli.Commands.Config;

/// <summary>Values printed as Python's <c>str()</c> prints them, so <c>config dump</c> reads like <c>ansible-config dump</c>.</summary>
internal static class PythonText
{
    public static string Str(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => s,
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Python's <c>repr()</c> of a string: single quotes unless the text has one and no double quote.</summary>
    public static string Repr(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ => c.ToString(),
            });
        }

        return builder.Append(quote).ToString();
    }
}
