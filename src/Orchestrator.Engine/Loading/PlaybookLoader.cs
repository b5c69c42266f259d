using Orchestrator.Core.Errors;
using Orchestrator.Core.Vault;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Templating;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Builds the playbook model from YAML and validates everything that can be checked before a host is
/// touched: keywords, modules and their argument names and literal types, template syntax, notify targets,
/// vars_files. Every error carries file:line:column. <see cref="PlayLoader"/> reads the plays,
/// <see cref="TaskLoader"/> the tasks and blocks in them.
/// </summary>
internal sealed class PlaybookLoader(ModuleRegistry modules, TemplateEngine templates, VaultDecryptor? vault = null)
{
    public Playbook Load(string path)
    {
        if (InputPath.FileProblem(path) is { } problem)
        {
            throw new UserInputException($"playbook '{path}' {problem}");
        }

        var nodes = new PlaybookNodes(path, vault);
        var root = YamlData.LoadFile(path, what: "a playbook (a YAML list of plays)", vault: vault, valuesAreSecrets: false);
        if (root is not YamlSequenceNode plays)
        {
            throw new UserInputException(
                $"a playbook must be a list of plays, but found {(root is null ? "an empty file" : YamlData.Kind(root))}",
                root is null ? new SourceLocation(path, 1, 1) : nodes.At(root));
        }

        var expressions = new ExpressionReader(nodes, templates);
        var playLoader = new PlayLoader(nodes, new TaskOptionsReader(nodes, expressions), new TaskLoader(modules, nodes, expressions));
        var result = new List<Play>();
        foreach (var node in plays.Children)
        {
            result.Add(playLoader.Load(node));
        }

        if (result.Count == 0)
        {
            throw new UserInputException("the playbook has no plays", nodes.At(plays));
        }

        return new Playbook(path, result);
    }

    /// <summary>Every task in <paramref name="nodes"/>, blocks flattened (block, rescue, always), in order.</summary>
    public static IEnumerable<TaskDefinition> AllTasks(IEnumerable<TaskNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is TaskDefinition t)
            {
                yield return t;
            }
            else if (node is BlockDefinition b)
            {
                foreach (var inner in AllTasks(b.Block.Concat(b.Rescue).Concat(b.Always)))
                {
                    yield return inner;
                }
            }
        }
    }
}
