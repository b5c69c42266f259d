using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>
/// The role levels of a task's scope, as ansible-core 2.14's VariableManager stacks them: every play role's defaults
/// and vars (roles' variables are visible to the whole play, since private_role_vars is off by default), then the
/// task's own role on top (its dependencies, the roles that depend on it, itself); role parameters only for the
/// role's own tasks; include parameters from the include that brought the task in.
/// </summary>
internal static class RoleVariables
{
    public static Dictionary<string, object?>? Defaults(Play play, TaskNode? task)
    {
        if (play.Roles.Count == 0 && task?.Role is null)
        {
            return null;
        }

        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var role in play.Roles)
        {
            Merge(all, DefaultsOf(role, []));
        }

        if (task?.Role is { } own)
        {
            Merge(all, DefaultsOf(own, task.RoleChain));
        }

        return all;
    }

    public static Dictionary<string, object?>? Vars(Play play, TaskNode? task)
    {
        if (play.Roles.Count == 0 && task?.Role is null)
        {
            return null;
        }

        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var role in play.Roles)
        {
            Merge(all, VarsOf(role, []));
        }

        if (task?.Role is { } own)
        {
            Merge(all, VarsOf(own, task.RoleChain));
        }

        return all;
    }

    /// <summary>The parameters of the task's role and of the roles that depend on it (theirs first).</summary>
    public static Dictionary<string, object?>? Params(TaskNode? task)
    {
        if (task?.Role is null)
        {
            return null;
        }

        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var role in task.RoleChain)
        {
            Merge(all, role.Params);
        }

        return all;
    }

    /// <summary>The <c>vars</c> of the includes around the task, outermost first.</summary>
    public static Dictionary<string, object?>? IncludeParams(TaskNode? task)
    {
        var includes = task?.Chain().OfType<BlockDefinition>().Select(b => b.IncludeParams).OfType<Dictionary<string, object?>>().ToList();
        if (includes is not { Count: > 0 })
        {
            return null;
        }

        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var values in includes)
        {
            Merge(all, values);
        }

        return all;
    }

    /// <summary>
    /// What include_role and import_role inside a role add to their include params (IncludeRole.get_include_params):
    /// ansible_parent_role_names and ansible_parent_role_paths, the including role first, then those around it.
    /// </summary>
    public static Dictionary<string, object?>? ParentRoleParams(TaskNode including)
    {
        if (including.Role is not { } role)
        {
            return null;
        }

        var outer = IncludeParams(including);
        List<object?> Prepend(string value, string name) =>
            [value, .. outer?.GetValueOrDefault(name) as List<object?> ?? []];
        return new(StringComparer.Ordinal)
        {
            ["ansible_parent_role_names"] = Prepend(role.Name, "ansible_parent_role_names"),
            ["ansible_parent_role_paths"] = Prepend(role.Path, "ansible_parent_role_paths"),
        };
    }

    /// <summary>The magic variables with the role's added: role_name, role_path, ansible_role_names and the like.</summary>
    public static IReadOnlyDictionary<string, object?>? WithRoleMagic(IReadOnlyDictionary<string, object?>? magic, Play play, TaskNode? task)
    {
        if (magic is null || (play.Roles.Count == 0 && task?.Role is null))
        {
            return magic;
        }

        var all = new Dictionary<string, object?>(magic, StringComparer.Ordinal);
        var playRoles = play.Roles.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
        var dependencies = play.Roles.SelectMany(r => r.AllDependencies()).Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
        all["ansible_play_role_names"] = playRoles.Cast<object?>().ToList();
        all["role_names"] = playRoles.Cast<object?>().ToList();
        all["ansible_dependent_role_names"] = dependencies.Cast<object?>().ToList();
        all["ansible_role_names"] = dependencies.Concat(playRoles).Distinct(StringComparer.Ordinal).Cast<object?>().ToList();
        if (task?.Role is { } role)
        {
            all["role_name"] = role.Name;
            all["ansible_role_name"] = role.Name;
            all["role_path"] = role.Path;
        }

        return all;
    }

    /// <summary>Role.get_default_vars: dependencies' defaults, then those of the roles that depend on it, then its own.</summary>
    private static Dictionary<string, object?> DefaultsOf(RoleDefinition role, IReadOnlyList<RoleDefinition> chain)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var dependency in role.AllDependencies())
        {
            Merge(all, DefaultsOf(dependency, []));
        }

        foreach (var parent in chain)
        {
            Merge(all, parent.Defaults);
        }

        Merge(all, role.Defaults);
        return all;
    }

    /// <summary>Role.get_vars without parameters: the chain's vars, dependencies' vars, the entry's vars, its vars/.</summary>
    private static Dictionary<string, object?> VarsOf(RoleDefinition role, IReadOnlyList<RoleDefinition> chain)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parent in chain)
        {
            Merge(all, parent.EntryVars);
            Merge(all, parent.Vars);
        }

        foreach (var dependency in role.AllDependencies())
        {
            Merge(all, VarsOf(dependency, []));
        }

        Merge(all, role.EntryVars);
        Merge(all, role.Vars);
        return all;
    }

    private static void Merge(Dictionary<string, object?> into, IReadOnlyDictionary<string, object?> values)
    {
        foreach (var (k, v) in values)
        {
            into[k] = v;
        }
    }
}
