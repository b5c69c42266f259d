using System.Globalization;
using Orchestrator.Core.Errors;

namespace Orchestrator.Core.Configuration;

/// <summary>Ansible's <c>ensure_type</c> for the types our settings use, with errors that name the setting and its origin.</summary>
internal static class SettingValueParser
{
    private static readonly HashSet<string> True = ["y", "yes", "on", "1", "true", "t"];
    private static readonly HashSet<string> False = ["n", "no", "off", "0", "false", "f", ""];

    /// <param name="baseDirectory">What relative paths are relative to: the config file's directory, or the working directory for env values.</param>
    /// <param name="where">The key or variable and its place, for messages ("forks in [defaults]").</param>
    public static object? Parse(SettingDefinition definition, string raw, string baseDirectory, ConfigEnvironment environment, string where, SourceLocation? location)
    {
        switch (definition.Type)
        {
            case SettingType.Boolean:
                var word = raw.Trim().ToLowerInvariant();
                // Ansible reads any other word as false (boolean(strict=False)); a typo must not turn become or host key checking off silently.
                return True.Contains(word) ? true
                    : False.Contains(word) ? false
                    : throw Bad(where, raw, "a boolean (yes/no, true/false, on/off, 1/0)", location);
            case SettingType.Integer:
                return int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw Bad(where, raw, "a whole number", location);
            case SettingType.Path:
                return ConfigPaths.Resolve(raw, baseDirectory, environment);
            case SettingType.PathList:
                return raw.Split(',').Select(p => ConfigPaths.Resolve(p.Trim(), baseDirectory, environment)).ToList();
            case SettingType.PathSpec:
                return raw.Split(':').Select(p => ConfigPaths.Resolve(p, baseDirectory, environment)).ToList();
            case SettingType.List:
                return raw.Split(',').Select(p => Unquote(p.Trim())).ToList();
            default:
                return Unquote(raw);
        }
    }

    /// <summary>Ansible's <c>unquote</c>: drops one pair of matching surrounding quotes.</summary>
    public static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] && value[^2] != '\\' ? value[1..^1] : value;

    private static UserInputException Bad(string where, string raw, string expected, SourceLocation? location) =>
        new($"{where}: found '{raw}'; expected {expected}", location);
}
