using Orchestrator.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine;

/// <summary>
/// Parses <c>-e</c> values like ansible-playbook: <c>k=v k2='v 2'</c> (strings), an inline JSON/YAML mapping,
/// or <c>@file.yml</c>/<c>@file.json</c>. Later values win.
/// </summary>
public static class ExtraVariables
{
    public static Dictionary<string, object?> Parse(IEnumerable<string> values)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var text = value.Trim();
            if (text.StartsWith('@'))
            {
                var path = text[1..];
                if (!File.Exists(path))
                {
                    throw new UserInputException($"-e @{path}: the file does not exist");
                }

                Merge(result, Mapping(File.ReadAllText(path), path));
            }
            else if (text.StartsWith('{'))
            {
                Merge(result, Mapping(text, "-e"));
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

    private static Dictionary<string, object?> Mapping(string text, string source)
    {
        var node = Loading.YamlData.Load(text, source);
        return node is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : node is YamlMappingNode
                ? (Dictionary<string, object?>)Loading.YamlData.ToPlain(node, source)!
                : throw new UserInputException($"{source}: extra vars must be a mapping of names to values");
    }

    private static IEnumerable<KeyValuePair<string, object?>> KeyValues(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                yield break;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                throw new UserInputException($"-e '{text}': expected key=value, a mapping, or @file");
            }

            var key = text[i..eq].Trim();
            if (!System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                throw new UserInputException($"-e: '{key}' is not a valid variable name");
            }

            i = eq + 1;
            string value;
            if (i < text.Length && text[i] is '\'' or '"')
            {
                var quote = text[i];
                var end = text.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    throw new UserInputException($"-e: unclosed quote in the value of '{key}'");
                }

                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                value = text[start..i];
            }

            yield return new KeyValuePair<string, object?>(key, value);
        }
    }
}
