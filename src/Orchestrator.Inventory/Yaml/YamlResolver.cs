using System.Text.RegularExpressions;

namespace Orchestrator.Inventory.Yaml;

/// <summary>PyYAML's YAML 1.1 implicit resolver (yaml/resolver.py), which Ansible's loader uses.</summary>
internal static partial class YamlResolver
{
    [GeneratedRegex("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", RegexOptions.CultureInvariant)]
    private static partial Regex BoolPattern();

    [GeneratedRegex(
        @"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(
        @"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex("^(?:~|null|Null|NULL|)$", RegexOptions.CultureInvariant)]
    private static partial Regex NullPattern();

    [GeneratedRegex(
        @"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    /// <summary>The implicit tag of a plain scalar, checked in PyYAML's registration order for its first character.</summary>
    public static string ResolvePlain(string value)
    {
        if (value.Length == 0)
        {
            return YamlTags.Null;
        }

        var c = value[0];
        if ("yYnNtTfFoO".Contains(c, StringComparison.Ordinal) && BoolPattern().IsMatch(value))
        {
            return YamlTags.Bool;
        }

        if ("-+0123456789.".Contains(c, StringComparison.Ordinal) && FloatPattern().IsMatch(value))
        {
            return YamlTags.Float;
        }

        if ("-+0123456789".Contains(c, StringComparison.Ordinal) && IntPattern().IsMatch(value))
        {
            return YamlTags.Int;
        }

        if (c == '<' && value == "<<")
        {
            return YamlTags.Merge;
        }

        if ("~nN".Contains(c, StringComparison.Ordinal) && NullPattern().IsMatch(value))
        {
            return YamlTags.Null;
        }

        if (char.IsAsciiDigit(c) && TimestampPattern().IsMatch(value))
        {
            return YamlTags.Timestamp;
        }

        if (c == '=' && value == "=")
        {
            return YamlTags.Value;
        }

        return YamlTags.Str;
    }
}
