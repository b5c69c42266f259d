using Orchestrator.Core.Errors;
using Orchestrator.Engine.Loading;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// <c>include_vars</c>: reads variables from a file or a directory of files on the controller (ansible-core's
/// include_vars action). The engine stores them on the host at the include_vars level, where they stay for the
/// rest of the run, as Ansible does.
/// </summary>
internal sealed class IncludeVarsModule : Module
{
    public const string ModuleName = "include_vars";

    private static readonly string[] DirArguments = ["dir", "depth", "files_matching", "ignore_files", "extensions", "ignore_unknown_extensions"];

    public override string Name => ModuleName;

    public override bool NeedsConnection => false;

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { FreeForm = "file" }
        .Add("file", ArgumentType.String)
        .Add("dir", ArgumentType.String)
        .Add("depth", ArgumentType.Integer)
        .Add("files_matching", ArgumentType.String)
        .Add("ignore_files", ArgumentType.Any)
        .Add("extensions", ArgumentType.List)
        .Add("ignore_unknown_extensions", ArgumentType.Boolean)
        .Add("name", ArgumentType.String)
        .Add("hash_behaviour", ArgumentType.String, choices: ["replace", "merge"]);

    public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        if (args.GetString("hash_behaviour") == "merge")
        {
            throw context.Error("hash_behaviour 'merge' is not supported (Orchestrator always replaces, Ansible's default); nest the values under 'name' or use the combine filter");
        }

        var dir = args.GetString("dir");
        var file = args.GetString("file");
        if (dir is not null && args.Has("file"))
        {
            throw context.Error("'file' and 'dir' cannot be used together");
        }

        if (dir is null && DirArguments.Skip(1).FirstOrDefault(args.Has) is { } dirOnly)
        {
            throw context.Error($"'{dirOnly}' goes with 'dir', not with a file");
        }

        var included = new List<object?>();
        Dictionary<string, object?> values;
        if (dir is not null)
        {
            var reader = new IncludeVarsDirectory(context, Path.IsPathRooted(dir) ? dir : Path.Combine(context.TaskDirectory, dir));
            values = reader.Read(included);
        }
        else if (!string.IsNullOrWhiteSpace(file))
        {
            var path = context.ResolveLocalPath(file.TrimEnd('\n'), "vars");
            values = ReadFile(path, args.Location, context.Vault);
            included.Add(path);
        }
        else
        {
            throw context.Error("needs 'file' (or a file name as the argument) or 'dir'");
        }

        if (args.GetString("name") is { } name)
        {
            values = new Dictionary<string, object?>(StringComparer.Ordinal) { [name] = values };
        }

        return Task.FromResult(ModulePlan.NoChange(
            $"{included.Count} file(s) included",
            new() { [SetFactModule.FactsKey] = values, ["ansible_included_var_files"] = included }));
    }

    /// <summary>One variables file: a mapping, or empty. Bad YAML is an error at its file:line:column.</summary>
    public static Dictionary<string, object?> ReadFile(string path, SourceLocation includedFrom, Core.Vault.VaultDecryptor? vault)
    {
        var node = YamlData.LoadFile(path, includedFrom, "a variables file", vault);
        if (node is null)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        return YamlData.ToPlain(node, path, vault) switch
        {
            Dictionary<string, object?> map => map,
            null or "" => new Dictionary<string, object?>(StringComparer.Ordinal),
            _ => throw new UserInputException($"{path} must be stored as a dictionary/hash (a mapping of variable names to values)", new SourceLocation(path, node.Start.Line > 0 ? (int)node.Start.Line : 1, node.Start.Column > 0 ? (int)node.Start.Column : 1)),
        };
    }
}
