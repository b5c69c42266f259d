using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>A play's <c>vars_prompt</c>: a list of entries with <c>name</c>, <c>prompt</c>, <c>default</c>, <c>private</c>, <c>confirm</c>, <c>unsafe</c>.</summary>
internal static class VarsPromptReader
{
    private static readonly HashSet<string> Keys = new(["name", "prompt", "default", "private", "confirm", "unsafe", "encrypt", "salt", "salt_size"], StringComparer.Ordinal);

    public static IEnumerable<VarsPromptEntry> Read(PlaybookNodes nodes, YamlMappingNode play)
    {
        if (PlaybookNodes.Child(play, "vars_prompt") is not { } list)
        {
            yield break;
        }

        foreach (var item in nodes.Sequence(list, "vars_prompt"))
        {
            var map = item as YamlMappingNode ?? throw new UserInputException($"a vars_prompt entry must be a mapping with 'name' and 'prompt', but found {YamlData.Kind(item)}", nodes.At(item));
            nodes.CheckKeys(map, Keys, "vars_prompt entry");
            if (PlaybookNodes.KeyNode(map, "encrypt") is { } encrypt)
            {
                throw new UserInputException("vars_prompt 'encrypt' (hashing the answer) is not supported; hash the value in a task with the password_hash filter", nodes.At(encrypt));
            }

            if ((PlaybookNodes.KeyNode(map, "salt") ?? PlaybookNodes.KeyNode(map, "salt_size")) is { } salt)
            {
                throw new UserInputException("vars_prompt 'salt' and 'salt_size' go with 'encrypt', which is not supported", nodes.At(salt));
            }

            var name = PlaybookNodes.Child(map, "name") is { } n ? nodes.ScalarString(n, "name")
                : throw new UserInputException("a vars_prompt entry needs 'name' (the variable to set)", nodes.At(map));
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                throw new UserInputException($"vars_prompt: '{name}' is not a valid variable name", nodes.At(PlaybookNodes.Child(map, "name")!));
            }

            yield return new VarsPromptEntry(
                name,
                PlaybookNodes.Child(map, "prompt") is { } p ? nodes.ScalarString(p, "prompt") : null,
                PlaybookNodes.Child(map, "default") is { } d ? nodes.ToPlain(d) : null,
                nodes.OptionalBool(map, "private") ?? true,
                nodes.OptionalBool(map, "confirm") ?? false,
                nodes.At(map));
        }
    }
}
