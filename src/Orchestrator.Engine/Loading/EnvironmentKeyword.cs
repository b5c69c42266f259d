using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// The <c>environment</c> keyword (play, block, task): a mapping of variable names to values (templated per item), or
/// one <c>"{{ expression }}"</c> giving such a mapping. Names are checked here when written literally, else when rendered.
/// </summary>
internal static partial class EnvironmentKeyword
{
    public static void Read(TaskOptions options, YamlMappingNode map, PlaybookNodes nodes, ExpressionReader expressions)
    {
        if (PlaybookNodes.Child(map, "environment") is not { } node)
        {
            return;
        }

        var value = nodes.ToPlain(node);
        switch (value)
        {
            case null:
                return;
            case Dictionary<string, object?> d:
                foreach (var (k, _) in ((YamlMappingNode)node).Children)
                {
                    var name = ((YamlScalarNode)k).Value ?? string.Empty;
                    if (!IsValidName(name))
                    {
                        throw new UserInputException(InvalidName(name), nodes.At(k));
                    }
                }

                expressions.CheckTemplates(d, nodes.At(node));
                break;
            case string s when s.Contains("{{", StringComparison.Ordinal):
                expressions.CheckText(s, nodes.At(node));
                break;
            default:
                throw new UserInputException($"'environment' must be a mapping (NAME: value) or a \"{{{{ expression }}}}\" giving one, but found {YamlData.Kind(node)}", nodes.At(node));
        }

        options.Environment = value;
        options.EnvironmentLocation = nodes.At(node);
    }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public static string InvalidName(string name) =>
        $"'{name}' is not a valid environment variable name (a letter or _, then letters, digits or _)";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
