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
internal sealed class PlaybookLoader(ModuleRegistry modules, TemplateEngine templates, IReadOnlyList<string> rolesPath, VaultDecryptor? vault = null)
{
    /// <summary>The run's extra vars, for what Ansible templates at load time (role names in <c>roles:</c>).</summary>
    public IReadOnlyDictionary<string, object?> ExtraVars { get; init; } = new Dictionary<string, object?>();

    public Playbook Load(string path)
    {
        if (InputPath.FileProblem(path) is { } problem)
        {
            throw new UserInputException($"playbook '{path}' {problem}");
        }

        var session = new LoadSession(modules, templates, DirectoryOf(path), rolesPath, vault) { ExtraVars = ExtraVars };
        using var entered = session.Enter(path, new SourceLocation(path, 1, 1));
        return new Playbook(path, LoadPlays(path, session, referencedFrom: null));
    }

    private static string DirectoryOf(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";

    private static List<Play> LoadPlays(string path, LoadSession session, SourceLocation? referencedFrom)
    {
        var nodes = new PlaybookNodes(path, session.Vault);
        var root = YamlData.LoadFile(path, referencedFrom, what: "a playbook (a YAML list of plays)", vault: session.Vault, valuesAreSecrets: false);
        if (root is not YamlSequenceNode plays)
        {
            throw new UserInputException(
                $"a playbook must be a list of plays, but found {(root is null ? "an empty file" : YamlData.Kind(root))}",
                root is null ? new SourceLocation(path, 1, 1) : nodes.At(root));
        }

        var playLoader = new PlayLoader(session, nodes);
        var result = new List<Play>();
        foreach (var node in plays.Children)
        {
            if (node is YamlMappingNode map && ImportKey(map) is { } key)
            {
                result.AddRange(ImportPlaybook(map, key, nodes, session));
            }
            else
            {
                result.Add(playLoader.Load(node));
            }
        }

        if (result.Count == 0)
        {
            throw new UserInputException("the playbook has no plays", nodes.At(plays));
        }

        return result;
    }

    private static string? ImportKey(YamlMappingNode map) =>
        PlaybookNodes.KeyNode(map, "import_playbook") is not null ? "import_playbook"
        : PlaybookNodes.KeyNode(map, "ansible.builtin.import_playbook") is not null ? "ansible.builtin.import_playbook"
        : null;

    /// <summary>
    /// import_playbook: the plays of another playbook, relative to the importing file, loaded now (it is static). Its
    /// <c>when</c> applies to every task of those plays, its <c>tags</c> and <c>vars</c> are added to each play, as
    /// in ansible-core 2.14; roles are searched beside the imported playbook.
    /// </summary>
    private static List<Play> ImportPlaybook(YamlMappingNode map, string key, PlaybookNodes nodes, LoadSession session)
    {
        nodes.CheckKeys(map, new HashSet<string>([key, "name", "when", "tags", "vars"], StringComparer.Ordinal), "import_playbook");
        var value = PlaybookNodes.Child(map, key)!;
        var file = nodes.ScalarString(value, key);
        if (file.Contains("{{", StringComparison.Ordinal))
        {
            throw new UserInputException("import_playbook is loaded before any host runs, so its file name cannot use host variables", nodes.At(value));
        }

        var path = nodes.ResolveRelative(file);
        if (InputPath.FileProblem(path) is { } problem)
        {
            throw new UserInputException($"imported playbook '{file}' {problem} (looked at {path})", nodes.At(value));
        }

        var keywords = new TaskOptions();
        new TaskOptionsReader(nodes, new ExpressionReader(nodes, session.Templates)).Read(keywords, map);
        using var entered = session.Enter(path, nodes.At(value));
        var plays = LoadPlays(path, session.ForPlaybook(DirectoryOf(path)), nodes.At(value));
        foreach (var play in plays)
        {
            play.When.AddRange(keywords.When);
            play.Tags.AddRange(keywords.Tags.Where(t => !play.Tags.Contains(t)));
            foreach (var (k, v) in keywords.Vars)
            {
                play.Vars[k] = v;
            }
        }

        return plays;
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
