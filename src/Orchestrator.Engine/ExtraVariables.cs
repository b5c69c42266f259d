using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine;

/// <summary>
/// Parses <c>-e</c> values like ansible-playbook: <c>k=v k2='v 2'</c> (strings, read by <see cref="Loading.KeyValueParser"/>),
/// an inline JSON/YAML mapping, or <c>@file.yml</c>/<c>@file.json</c>. Later values win.
/// </summary>
public static partial class ExtraVariables
{
    public static Dictionary<string, object?> Parse(IEnumerable<string> values) => Parse(values, vault: null);

    /// <summary>As <see cref="Parse(IEnumerable{string})"/>; <paramref name="vault"/> decrypts an encrypted <c>@file</c> and inline <c>!vault</c> values.</summary>
    public static Dictionary<string, object?> Parse(IEnumerable<string> values, Core.Vault.VaultDecryptor? vault)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var text = value.Trim();
            if (text.StartsWith('@'))
            {
                var path = text[1..];
                if (InputPath.FileProblem(path) is { } problem)
                {
                    throw new UserInputException($"-e @{path}: the file {problem}");
                }

                var node = Loading.YamlData.LoadFile(path, what: "a YAML or JSON file of extra variables (-e @file)", vault: vault);
                Merge(result, Mapping(node, path, vault));
            }
            else if (text.StartsWith('{') || text.StartsWith('['))
            {
                Merge(result, Mapping(Loading.YamlData.Load(text, "-e"), "-e", vault));
            }
            else
            {
                foreach (var (k, v) in KeyValues(text))
                {
                    result[k] = v;
                }
            }
        }

        return result;
    }

    private static void Merge(Dictionary<string, object?> target, Dictionary<string, object?> source)
    {
        foreach (var (k, v) in source)
        {
            target[k] = v;
        }
    }

    private static Dictionary<string, object?> Mapping(YamlNode? node, string source, Core.Vault.VaultDecryptor? vault)
    {
        return node is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : node is YamlMappingNode
                ? (Dictionary<string, object?>)Loading.YamlData.ToPlain(node, source, vault)!
                : throw new UserInputException($"{source}: extra vars must be a mapping of names to values");
    }

    /// <summary><c>k=v</c> words as Ansible's parse_kv reads them; the values are strings.</summary>
    private static IEnumerable<KeyValuePair<string, object?>> KeyValues(string text)
    {
        var parsed = ParseKeyValues(text);
        if (parsed.FreeFormText is { } stray)
        {
            throw new UserInputException($"-e '{text}': expected key=value, a mapping, or @file, but found '{stray}'");
        }

        foreach (var (key, value) in parsed.Options)
        {
            if (!ValidName().IsMatch(key))
            {
                throw new UserInputException($"-e: '{key}' is not a valid variable name");
            }

            yield return new KeyValuePair<string, object?>(key, value);
        }
    }

    private static Loading.KeyValueArguments ParseKeyValues(string text)
    {
        try
        {
            return Loading.KeyValueParser.Parse(text);
        }
        catch (UserInputException ex)
        {
            throw new UserInputException($"-e: {ex.Detail}", ex.Location, ex.ExitCode, ex);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ValidName();
}
