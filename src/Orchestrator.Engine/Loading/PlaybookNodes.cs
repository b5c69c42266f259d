using Orchestrator.Core.Errors;
using Orchestrator.Core.Vault;
using Orchestrator.Engine.Templating;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Reads keyword values out of the YAML nodes of one playbook file, as plain data, with errors that carry the
/// file's line and column.
/// </summary>
internal sealed class PlaybookNodes(string path, VaultDecryptor? vault = null)
{
    public string FilePath { get; } = path;

    /// <summary>Decrypts the inline <c>!vault</c> values of this file (and of files it names, read with the same decryptor).</summary>
    public VaultDecryptor Vault { get; } = vault ?? VaultDecryptor.None;

    public SourceLocation At(YamlNode node) => YamlData.At(FilePath, node);

    public string ResolveRelative(string file) =>
        Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(FilePath)) ?? ".", file);

    public static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    public static YamlNode? KeyNode(YamlMappingNode map, string key) =>
        map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key);

    public object? ToPlain(YamlNode node) => YamlData.ToPlain(node, FilePath, Vault);

    public string ScalarString(YamlNode node, string key) => ToPlain(node) switch
    {
        string s => s,
        var v and (long or double or bool) => PlainData.ToText(v),
        _ => throw new UserInputException($"'{key}' must be a string, but found {YamlData.Kind(node)}", At(node)),
    };

    public bool Bool(YamlNode node, string key) =>
        PlainData.TryToBool(ToPlain(node), out var b) ? b : throw new UserInputException($"'{key}' must be true or false, but found {YamlData.Kind(node)}", At(node));

    /// <summary>
    /// A whole-number keyword read at load time (throttle, async, poll): a number or a numeric string, as Ansible's
    /// int fields take; a template is refused with a message that says why.
    /// </summary>
    public int WholeNumber(YamlNode node, string key, string meaning) => ToPlain(node) switch
    {
        long n and >= 0 and <= int.MaxValue => (int)n,
        string s when int.TryParse(s.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        string s when s.Contains("{{", StringComparison.Ordinal) => throw new UserInputException($"'{key}' is read when the playbook loads, so it cannot use variables; give {meaning}", At(node)),
        _ => throw new UserInputException($"'{key}' must be {meaning}, but found {YamlData.Kind(node)}", At(node)),
    };

    /// <summary>A boolean keyword's value, or null when the mapping does not have it.</summary>
    public bool? OptionalBool(YamlMappingNode map, string key) => Child(map, key) is { } node ? Bool(node, key) : null;

    public IEnumerable<YamlNode> Sequence(YamlNode node, string key) => node switch
    {
        YamlSequenceNode seq => seq.Children,
        YamlScalarNode s when s.Style == YamlDotNet.Core.ScalarStyle.Plain && string.IsNullOrEmpty(s.Value) => [],
        _ => throw new UserInputException($"'{key}' must be a list, but found {YamlData.Kind(node)}", At(node)),
    };

    public List<string> StringList(YamlNode node, string key) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(c => ScalarString(c, key)).ToList(),
        _ => [ScalarString(node, key)],
    };

    /// <summary>Fails on a key that is not in <paramref name="allowed"/>, saying why when Ansible has it and we do not.</summary>
    public void CheckKeys(YamlMappingNode map, HashSet<string> allowed, string what)
    {
        foreach (var (k, _) in map.Children)
        {
            if (k is not YamlScalarNode ks)
            {
                throw new UserInputException($"{what} keys must be names", At(k));
            }

            var key = ks.Value ?? string.Empty;
            if (allowed.Contains(key))
            {
                continue;
            }

            if (PlaybookKeywords.Unsupported.TryGetValue(key, out var why))
            {
                throw new UserInputException(why, At(k));
            }

            if (what != "task")
            {
                throw new UserInputException(
                    $"unknown {what} keyword '{key}'; expected one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}", At(k));
            }
        }
    }
}
