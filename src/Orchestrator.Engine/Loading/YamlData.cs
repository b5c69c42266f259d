using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;
using Orchestrator.Core.Vault;
using Orchestrator.Inventory.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Reads YAML files into YamlDotNet's representation model (with line/column marks) and converts nodes to
/// plain data with YAML 1.1 scalar rules, as PyYAML (and so Ansible) reads them: yes/no/on/off are booleans,
/// 0644 is octal.
/// </summary>
internal static partial class YamlData
{
    /// <summary>
    /// Reads a YAML file; an Ansible Vault encrypted file is decrypted with <paramref name="vault"/> first and, when
    /// <paramref name="valuesAreSecrets"/> (a vars file), every scalar value in it is registered as a secret.
    /// </summary>
    public static YamlNode? LoadFile(string path, SourceLocation? referencedFrom = null, string what = "a YAML file", VaultDecryptor? vault = null, bool valuesAreSecrets = true)
    {
        string text;
        try
        {
            text = BoundedFile.ReadAllText(path, what);
        }
        catch (UserInputException ex) when (ex is not InputLimitException && referencedFrom is not null)
        {
            throw new UserInputException($"cannot read '{path}': {ex.Detail}", referencedFrom);
        }

        if (!VaultEnvelope.IsEncrypted(text))
        {
            return Load(text, path);
        }

        vault ??= VaultDecryptor.None;
        var root = Load(vault.DecryptText(text, new SourceLocation(path, 0, 0)), path);
        if (root is not null && valuesAreSecrets)
        {
            vault.RegisterSecrets(ScalarValues(root).ToList());
        }

        return root;
    }

    private static IEnumerable<string> ScalarValues(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value is { } v ? [v] : [],
        YamlSequenceNode seq => seq.Children.SelectMany(ScalarValues),
        YamlMappingNode map => map.Children.Values.SelectMany(ScalarValues),
        _ => [],
    };

    public static YamlNode? Load(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            // Bounded before and after merging: merge keys copy the events of their anchor. A text without "<<" has
            // no merge key, and the merging parser (which buffers every event of the file first) has nothing to do.
            var parser = BoundedYamlParser.Over(text, path);
            stream.Load(text.Contains("<<", StringComparison.Ordinal) ? new BoundedYamlParser(new MergingParser(parser), path) : parser);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            var at = new SourceLocation(path, (int)ex.Start.Line, (int)ex.Start.Column);
            if (message.Contains("same key", StringComparison.OrdinalIgnoreCase) || message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
            {
                var index = (int)Math.Min(ex.Start.Index, text.Length);
                var end = text.IndexOfAny([':', '\n'], index);
                var key = (end > index ? text[index..end] : string.Empty).Trim().Trim('"', '\'');
                throw new UserInputException($"duplicate key '{key}' in a mapping", at, inner: ex);
            }

            throw new UserInputException($"YAML syntax error: {Clean(message)}", at, inner: ex);
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new UserInputException("a file must hold one YAML document, found a second one", At(path, second));
        }

        var root = stream.Documents[0].RootNode;
        CheckDuplicates(root, path);
        return root;
    }

    private static string Clean(string message) => ParenMarkRegex().Replace(message, string.Empty).Trim();

    /// <summary>YamlDotNet keeps the last of duplicate keys silently in some versions; Ansible warns, we refuse.</summary>
    private static void CheckDuplicates(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode k && !seen.Add(k.Value ?? string.Empty))
                    {
                        throw new UserInputException($"duplicate key '{k.Value}' in a mapping", At(path, key));
                    }

                    CheckDuplicates(value, path);
                }

                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    CheckDuplicates(item, path);
                }

                break;
        }
    }

    public static SourceLocation At(string path, YamlNode node) => new(path, (int)node.Start.Line, (int)node.Start.Column);

    public static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when s.Style == ScalarStyle.Plain && IsNull(s.Value) => "null",
        YamlScalarNode s => $"the scalar \"{Shorten(s.Value ?? string.Empty)}\"",
        _ => "an alias",
    };

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "..." : s;

    /// <summary>
    /// Converts a node to plain data: null, bool, long, double, string, List, Dictionary, and a lazy
    /// <see cref="Core.Secrets.Secret"/> for an inline <c>!vault</c> value (decrypted with <paramref name="vault"/> when used).
    /// </summary>
    public static object? ToPlain(YamlNode node, string path, VaultDecryptor? vault = null)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar, path, vault);
            case YamlSequenceNode seq:
                return seq.Children.Select(c => ToPlain(c, path, vault)).ToList();
            case YamlMappingNode map:
                var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Children)
                {
                    if (k is not YamlScalarNode ks)
                    {
                        throw new UserInputException("mapping keys must be scalars", At(path, k));
                    }

                    d[ks.Value ?? string.Empty] = ToPlain(v, path, vault);
                }

                return d;
            default:
                throw new UserInputException("unsupported YAML node", At(path, node));
        }
    }

    private static object? Scalar(YamlScalarNode scalar, string path, VaultDecryptor? vault)
    {
        var value = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is not null && tag != "?" && tag != "!")
        {
            return tag switch
            {
                "tag:yaml.org,2002:str" => value,
                "tag:yaml.org,2002:int" => ParseInt(value) ?? throw new UserInputException($"'{value}' is not an integer", At(path, scalar)),
                "tag:yaml.org,2002:float" => double.Parse(value, CultureInfo.InvariantCulture),
                "tag:yaml.org,2002:bool" => ParseBool(value) ?? throw new UserInputException($"'{value}' is not a boolean", At(path, scalar)),
                "tag:yaml.org,2002:null" => null,
                "!vault" or "!vault-encrypted" => (vault ?? VaultDecryptor.None).InlineSecret(value, At(path, scalar)),
                _ => throw new UserInputException($"unsupported YAML tag '{tag}'", At(path, scalar)),
            };
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            return value;
        }

        if (IsNull(value))
        {
            return null;
        }

        if (ParseBool(value) is { } b)
        {
            return b;
        }

        if (ParseInt(value) is { } l)
        {
            return l;
        }

        if (FloatRegex().IsMatch(value))
        {
            return double.Parse(value.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }

        return value;
    }

    private static bool IsNull(string? value) => value is null or "" or "~" or "null" or "Null" or "NULL";

    private static bool? ParseBool(string value) => value switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    private static long? ParseInt(string value)
    {
        var v = value.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = v.StartsWith('-');
        if (negative || v.StartsWith('+'))
        {
            v = v[1..];
        }

        long result;
        if (v.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(v[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out result))
        {
        }
        else if (v.StartsWith("0o", StringComparison.Ordinal) && v.Length > 2 && v[2..].All(c => c is >= '0' and <= '7'))
        {
            result = Convert.ToInt64(v[2..], 8);
        }
        else if (v.Length > 1 && v[0] == '0' && v.All(c => c is >= '0' and <= '7'))
        {
            // YAML 1.1 octal, as PyYAML reads "mode: 0644".
            result = Convert.ToInt64(v, 8);
        }
        else if (v.Length > 0 && v.All(char.IsAsciiDigit) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out result))
        {
        }
        else
        {
            return null;
        }

        return negative ? -result : result;
    }

    [GeneratedRegex(@"^[-+]?(\d[\d_]*)?\.\d+([eE][-+]?\d+)?$|^[-+]?\d[\d_]*[eE][-+]?\d+$")]
    private static partial Regex FloatRegex();

    [GeneratedRegex(@"\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):?")]
    private static partial Regex ParenMarkRegex();
}
