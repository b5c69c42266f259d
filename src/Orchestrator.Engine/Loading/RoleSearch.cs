using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Where a role named in a play, a dependency or an import lives, in Ansible's order (RoleDefinition._load_role_path):
/// the playbook's <c>roles/</c>, each roles_path entry, the directory of the role that depends on it, the playbook's
/// directory, and last the name as a path.
/// </summary>
internal static class RoleSearch
{
    /// <exception cref="UserInputException">No such role; the message lists every directory tried.</exception>
    public static (string Name, string Path) Find(string name, string playbookDirectory, IReadOnlyList<string> rolesPath, string? dependentRoleParent, SourceLocation at)
    {
        var searched = new List<string> { Path.Combine(playbookDirectory, "roles") };
        searched.AddRange(rolesPath.Select(p => Path.GetFullPath(p, playbookDirectory)));
        if (dependentRoleParent is not null)
        {
            searched.Add(dependentRoleParent);
        }

        searched.Add(playbookDirectory);
        foreach (var dir in searched)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir, name));
            if (Directory.Exists(candidate))
            {
                return (name, candidate);
            }
        }

        var asPath = Path.GetFullPath(name, playbookDirectory);
        if (Directory.Exists(asPath))
        {
            return (Path.GetFileName(asPath.TrimEnd('/')), asPath);
        }

        throw new UserInputException(
            $"the role '{name}' was not found; looked in {string.Join(", ", searched.Select(d => Path.Combine(d, name)))} and at {asPath}", at);
    }
}
