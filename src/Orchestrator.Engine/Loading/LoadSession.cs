using Orchestrator.Core.Errors;
using Orchestrator.Core.Vault;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Templating;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// What loading one playbook shares across its files: modules, templates, the playbook's directory (Ansible's
/// basedir), the roles path, and the chain of files being imported, so an import cycle is an error, not a hang.
/// </summary>
internal sealed class LoadSession(ModuleRegistry modules, TemplateEngine templates, string playbookDirectory, IReadOnlyList<string> rolesPath, VaultDecryptor? vault = null)
{
    /// <summary>Nested imports and includes allowed (a file that imports itself hits this or the cycle check).</summary>
    public const int MaxDepth = 32;

    private List<string> _importing = [];
    private readonly Dictionary<Play, RoleLoader> _roles = [];

    public ModuleRegistry Modules => modules;

    public TemplateEngine Templates => templates;

    public string PlaybookDirectory => playbookDirectory;

    public IReadOnlyList<string> RolesPath => rolesPath;

    /// <summary>Decrypts inline <c>!vault</c> values and encrypted files in every file the playbook loads.</summary>
    public VaultDecryptor? Vault => vault;

    /// <summary>The run's extra vars (<c>-e</c>): role names in <c>roles:</c> may use them with the play's vars.</summary>
    public IReadOnlyDictionary<string, object?> ExtraVars { get; init; } = new Dictionary<string, object?>();

    /// <summary>The same session for an imported playbook in <paramref name="directory"/> (its roles/ is searched), sharing the import chain.</summary>
    public LoadSession ForPlaybook(string directory) => new(modules, templates, directory, rolesPath, vault) { _importing = _importing, ExtraVars = ExtraVars };

    /// <summary>The play's role loader: one cache per play, shared by roles:, import_role and include_role.</summary>
    public RoleLoader RolesFor(Play play)
    {
        if (!_roles.TryGetValue(play, out var loader))
        {
            loader = new RoleLoader(this, play);
            _roles[play] = loader;
        }

        return loader;
    }

    /// <summary>A task loader for the tasks written in the file <paramref name="nodes"/> reads.</summary>
    public TaskLoader TasksIn(PlaybookNodes nodes) => new(this, nodes, new ExpressionReader(nodes, templates));

    /// <summary>A file that must hold a list (of tasks, handlers or plays); null entries for an empty file.</summary>
    public (PlaybookNodes Nodes, IReadOnlyList<YamlNode> Items) ReadList(string path, SourceLocation referencedFrom, string what)
    {
        if (InputPath.FileProblem(path) is { } problem)
        {
            throw new UserInputException($"{what} '{path}' {problem}", referencedFrom);
        }

        var nodes = new PlaybookNodes(path, vault);
        var root = YamlData.LoadFile(path, referencedFrom, what, vault, valuesAreSecrets: false);
        return root switch
        {
            null => (nodes, []),
            YamlScalarNode s when string.IsNullOrEmpty(s.Value) => (nodes, []),
            YamlSequenceNode seq => (nodes, seq.Children.ToList()),
            _ => throw new UserInputException($"{what} must be a list, but found {YamlData.Kind(root)}", nodes.At(root)),
        };
    }

    /// <summary>Marks <paramref name="path"/> as being imported until the result is disposed.</summary>
    /// <exception cref="UserInputException">The file is already being imported (a cycle), or imports nest too deep.</exception>
    public IDisposable Enter(string path, SourceLocation at)
    {
        var full = Path.GetFullPath(path);
        if (_importing.Contains(full, StringComparer.Ordinal))
        {
            throw new UserInputException($"import cycle: {string.Join(" -> ", _importing.SkipWhile(p => p != full).Append(full))}", at);
        }

        if (_importing.Count >= MaxDepth)
        {
            throw new UserInputException($"imports nest deeper than {MaxDepth} levels: {string.Join(" -> ", _importing)}", at);
        }

        _importing.Add(full);
        return new Leave(_importing);
    }

    private sealed class Leave(List<string> stack) : IDisposable
    {
        public void Dispose() => stack.RemoveAt(stack.Count - 1);
    }
}
