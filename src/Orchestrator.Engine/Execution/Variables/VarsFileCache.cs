using Orchestrator.Core.Errors;
using Orchestrator.Engine.Loading;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>A play's <c>vars_files</c>, read once per path (a templated path may differ per host).</summary>
internal sealed class VarsFileCache(TemplateEngine templates, string playbookDirectory, PlaySecrets secrets, Core.Vault.VaultDecryptor? vault)
{
    private readonly Dictionary<string, Dictionary<string, object?>> _files = new(StringComparer.Ordinal);

    /// <param name="file">The entry as written.</param>
    /// <param name="pathScope">The variables a templated path is rendered with (asked for only then).</param>
    public Dictionary<string, object?> Load(VarsFile file, Func<VariableScope> pathScope)
    {
        var path = file.Path;
        if (path.Contains("{{", StringComparison.Ordinal))
        {
            path = templates.RenderText(path, pathScope(), file.Location);
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(playbookDirectory, path);
        lock (_files)
        {
            if (_files.TryGetValue(full, out var cached))
            {
                return cached;
            }

            if (InputPath.FileProblem(full) is { } problem)
            {
                throw new UserInputException($"vars file '{path}' {problem} (looked at {full})", file.Location);
            }

            var node = YamlData.LoadFile(full, file.Location, vault: vault);
            var data = node is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : YamlData.ToPlain(node, full, vault) as Dictionary<string, object?>
                ?? throw new UserInputException("a vars file must be a mapping of variable names to values", new SourceLocation(full, 1, 1));
            _files[full] = data;
            secrets.AddVariables(data, deferTemplates: true);
            return data;
        }
    }
}
