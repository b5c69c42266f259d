using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;

namespace Orchestrator.Core.Configuration;

/// <summary>
/// An INI file read as Python's <c>configparser.ConfigParser(inline_comment_prefixes=(';',))</c> reads ansible.cfg:
/// <c>#</c>/<c>;</c> comment lines, <c>;</c> inline comments after whitespace, <c>key = value</c> and <c>key: value</c>,
/// lower-cased keys, indented continuation lines, a <c>[DEFAULT]</c> section every section falls back to, and
/// duplicate sections or options as errors (configparser's strict mode).
/// </summary>
internal sealed partial class IniFile
{
    private const string DefaultSection = "DEFAULT";

    private readonly Dictionary<string, Dictionary<string, IniValue>> _sections = new(StringComparer.Ordinal);

    private IniFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>Every section and its options, in file order (the <c>DEFAULT</c> section included).</summary>
    public IEnumerable<(string Section, string Key, IniValue Value)> Options =>
        _sections.SelectMany(s => s.Value.Select(o => (s.Key, o.Key, o.Value)));

    /// <summary>The option's value, from its section or else from <c>[DEFAULT]</c>; null when neither has it.</summary>
    public IniValue? Get(string section, string key)
    {
        if (_sections.TryGetValue(section, out var options) && options.TryGetValue(key, out var value))
        {
            return value;
        }

        return _sections.ContainsKey(section) && _sections.TryGetValue(DefaultSection, out var defaults) && defaults.TryGetValue(key, out var fallback)
            ? fallback
            : null;
    }

    /// <exception cref="UserInputException">A line is not a section, an option, a comment or a continuation.</exception>
    public static IniFile Parse(string path, string text)
    {
        var file = new IniFile(path);
        Dictionary<string, IniValue>? section = null;
        string? option = null;
        List<string>? value = null;
        var optionLine = 0;
        var indent = 0;
        var lines = text.Split('\n');

        void Finish()
        {
            if (section is not null && option is not null && value is not null)
            {
                section[option] = new IniValue(string.Join('\n', value).TrimEnd(), optionLine);
            }

            option = null;
            value = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var lineNumber = i + 1;
            var commentStart = CommentStart(line);
            var content = (commentStart is { } c ? line[..c] : line).Trim();
            if (content.Length == 0)
            {
                // A blank line inside a value is kept (configparser's empty_lines_in_values); a comment is not.
                if (commentStart is null && value is not null)
                {
                    value.Add(string.Empty);
                }

                continue;
            }

            var lineIndent = line.Length - line.TrimStart().Length;
            if (value is not null && lineIndent > indent)
            {
                value.Add(content);
                continue;
            }

            Finish();
            indent = lineIndent;
            if (SectionHeader().Match(content) is { Success: true } header)
            {
                var name = header.Groups["name"].Value;
                if (file._sections.ContainsKey(name))
                {
                    throw new UserInputException($"section '{name}' appears twice; expected each section once (as Ansible's configparser requires)", new SourceLocation(path, lineNumber, lineIndent + 1));
                }

                section = [];
                file._sections[name] = section;
                continue;
            }

            if (section is null)
            {
                throw new UserInputException($"found '{Shorten(content)}' before any section; expected a section header such as [defaults]", new SourceLocation(path, lineNumber, lineIndent + 1));
            }

            var match = OptionLine().Match(content);
            if (!match.Success || match.Groups["key"].Value.Length == 0)
            {
                throw new UserInputException($"found '{Shorten(content)}'; expected 'key = value', 'key: value', a [section] or a comment", new SourceLocation(path, lineNumber, lineIndent + 1));
            }

            var key = match.Groups["key"].Value.ToLowerInvariant();
            if (section.ContainsKey(key))
            {
                throw new UserInputException($"option '{key}' appears twice in its section; expected each option once (as Ansible's configparser requires)", new SourceLocation(path, lineNumber, lineIndent + 1));
            }

            option = key;
            optionLine = lineNumber;
            value = [match.Groups["value"].Value.Trim()];
            section[key] = new IniValue(string.Empty, lineNumber);
        }

        Finish();
        return file;
    }

    /// <summary>Where a comment starts: a whole-line <c>#</c>/<c>;</c>, or <c>;</c> after whitespace.</summary>
    private static int? CommentStart(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('#') || trimmed.StartsWith(';'))
        {
            return 0;
        }

        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == ';' && char.IsWhiteSpace(line[i - 1]))
            {
                return i;
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;

    [GeneratedRegex(@"^\[(?<name>.+)\]")]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^(?<key>.*?)\s*[=:]\s*(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex OptionLine();
}
