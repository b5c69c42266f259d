using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Templating.Lookups;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// <c>loop</c> and the <c>with_NAME</c> loops: <c>with_NAME: terms</c> loops over what the lookup NAME gives for the
/// terms (with_items, with_dict, with_together, with_sequence, with_fileglob, ...), as Ansible turns with_ into a lookup.
/// </summary>
internal static class LoopKeywords
{
    private const string WithPrefix = "with_";

    /// <summary>True for <c>with_NAME</c> where NAME is a lookup we have.</summary>
    public static bool IsWithKeyword(string key) =>
        key.StartsWith(WithPrefix, StringComparison.Ordinal) && LookupPlugins.Exists(key[WithPrefix.Length..]);

    public static void Read(TaskDefinition task, YamlMappingNode map, PlaybookNodes nodes, ExpressionReader expressions)
    {
        string? seen = null;
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? string.Empty;
            if (key != "loop" && !IsWithKeyword(key))
            {
                continue;
            }

            if (seen is not null)
            {
                throw new UserInputException($"use one loop keyword per task, but this one has '{seen}' and '{key}'", nodes.At(k));
            }

            seen = key;
            task.LoopLocation = nodes.At(v);
            if (key == "loop")
            {
                task.Loop = LoopList(v, nodes, expressions);
            }
            else
            {
                var terms = nodes.ToPlain(v);
                expressions.CheckTemplates(terms, nodes.At(v));
                task.Loop = terms ?? new List<object?>();
                task.LoopWith = key[WithPrefix.Length..];
            }
        }
    }

    private static object LoopList(YamlNode node, PlaybookNodes nodes, ExpressionReader expressions)
    {
        switch (nodes.ToPlain(node))
        {
            case List<object?> list:
                expressions.CheckTemplates(list, nodes.At(node));
                return list;
            case string s when s.Contains("{{", StringComparison.Ordinal):
                expressions.CheckText(s, nodes.At(node));
                return s;
            default:
                throw new UserInputException($"'loop' must be a list or a \"{{{{ expression }}}}\" giving one, but found {YamlData.Kind(node)}", nodes.At(node));
        }
    }
}
