using System.Text.RegularExpressions;
using Orchestrator.Core.Shell;
using static Orchestrator.Engine.Templating.FunctionArguments;

namespace Orchestrator.Engine.Templating;

/// <summary>String and regular-expression filters, path and shell filters, and Python's string methods.</summary>
internal static class StringFunctions
{
    public static void Register(TemplateFunctionSet set)
    {
        set.Filter("upper", 1, 1, a => Text(a[0]).ToUpperInvariant());
        set.Filter("lower", 1, 1, a => Text(a[0]).ToLowerInvariant());
        set.Filter("capitalize", 1, 1, a => Text(a[0]) is { Length: > 0 } s ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant() : string.Empty);
        set.Filter("trim", 1, 1, a => Text(a[0]).Trim());
        set.Filter("replace", 3, 3, a => Text(a[0]).Replace(Text(a[1]), Text(a[2]), StringComparison.Ordinal));
        set.Filter("regex_search", 2, 3, a => RegexSearch(Text(a[0]), Text(a[1]), a.Length > 2 ? a[2] : null));
        set.Filter("regex_replace", 3, 3, a => new Regex(Text(a[1]), RegexOptions.None, RegexTimeout).Replace(Text(a[0]), PythonReplacement(Text(a[2]))));
        set.Filter("regex_findall", 2, 2, a => new Regex(Text(a[1]), RegexOptions.None, RegexTimeout).Matches(Text(a[0])).Select(m => (object?)m.Value).ToList());
        set.Filter("regex_escape", 1, 1, a => Regex.Escape(Text(a[0])));
        set.Filter("split", 1, 2, Split);
        set.Filter("basename", 1, 1, a => Path.GetFileName(Text(a[0]).TrimEnd('/')));
        set.Filter("dirname", 1, 1, a => Path.GetDirectoryName(Text(a[0])) ?? string.Empty);
        set.Filter("quote", 1, 1, a => ShellQuote.QuoteLikePython(Text(a[0])));

        set.Method("split", 1, 3, Split);
        set.Method("startswith", 2, 2, a => Text(a[0]).StartsWith(Text(a[1]), StringComparison.Ordinal));
        set.Method("endswith", 2, 2, a => Text(a[0]).EndsWith(Text(a[1]), StringComparison.Ordinal));
        set.Method("strip", 1, 2, a => a.Length > 1 ? Text(a[0]).Trim(Text(a[1]).ToCharArray()) : Text(a[0]).Trim());
        set.Method("lstrip", 1, 2, a => a.Length > 1 ? Text(a[0]).TrimStart(Text(a[1]).ToCharArray()) : Text(a[0]).TrimStart());
        set.Method("rstrip", 1, 2, a => a.Length > 1 ? Text(a[0]).TrimEnd(Text(a[1]).ToCharArray()) : Text(a[0]).TrimEnd());
        set.Method("lower", 1, 1, a => Text(a[0]).ToLowerInvariant());
        set.Method("upper", 1, 1, a => Text(a[0]).ToUpperInvariant());
        set.Method("replace", 3, 3, a => Text(a[0]).Replace(Text(a[1]), Text(a[2]), StringComparison.Ordinal));
        set.Method("join", 2, 2, a => string.Join(Text(a[0]), List(a[1]).Select(Text)));
    }

    /// <summary>Python's str.split: on a separator, or on runs of white space without one.</summary>
    private static object? Split(object?[] a) =>
        (a.Length > 1 ? Text(a[0]).Split(Text(a[1])) : Text(a[0]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Select(x => (object?)x).ToList();

    private static object? RegexSearch(string input, string pattern, object? group)
    {
        var m = new Regex(pattern, RegexOptions.None, RegexTimeout).Match(input);
        if (!m.Success)
        {
            return null;
        }

        if (group is null)
        {
            return m.Value;
        }

        var g = Text(group).TrimStart('\\');
        return long.TryParse(g, out var index) ? m.Groups[(int)index].Value : m.Groups[g.Replace("?P<", string.Empty, StringComparison.Ordinal)].Value;
    }

    /// <summary>Python's "\1" and "\g&lt;name&gt;" back-references become .NET's "$1" and "${name}".</summary>
    private static string PythonReplacement(string replacement)
    {
        var r = Regex.Replace(replacement.Replace("$", "$$", StringComparison.Ordinal), @"\\g<(\w+)>", "$${$1}", RegexOptions.None, RegexTimeout);
        return Regex.Replace(r, @"\\(\d+)", "$${$1}", RegexOptions.None, RegexTimeout);
    }
}
