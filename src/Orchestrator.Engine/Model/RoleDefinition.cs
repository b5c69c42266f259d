using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

/// <summary>
/// One role of a play, loaded once per name and parameters (Ansible's ROLE_CACHE): where it lives, its defaults,
/// vars, parameters, dependencies and handlers. Every place the play uses it is a <see cref="BlockDefinition"/> whose
/// <see cref="BlockDefinition.ForRole"/> is this object, so "same role, same parameters" is object identity.
/// </summary>
internal sealed class RoleDefinition
{
    public required string Name { get; init; }

    /// <summary>The role's directory (absolute).</summary>
    public required string Path { get; init; }

    /// <summary>Where the play (or a dependency, or an import) named the role.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary><c>defaults/</c> (or <c>defaults_from</c>).</summary>
    public Dictionary<string, object?> Defaults { get; init; } = new(StringComparer.Ordinal);

    /// <summary><c>vars/</c> (or <c>vars_from</c>).</summary>
    public Dictionary<string, object?> Vars { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The <c>vars:</c> keyword on the role's entry; Ansible stacks them with the role vars.</summary>
    public Dictionary<string, object?> EntryVars { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Every key of the role's entry that is not a keyword: the role parameters.</summary>
    public Dictionary<string, object?> Params { get; init; } = new(StringComparer.Ordinal);

    /// <summary><c>meta/main.yml</c> <c>dependencies</c>, in order.</summary>
    public List<RoleDefinition> Dependencies { get; } = [];

    /// <summary><c>meta/main.yml</c> <c>allow_duplicates</c>: the role may run again in the same play.</summary>
    public bool AllowDuplicates { get; set; }

    /// <summary>The role's handlers (its dependencies' first), named "role : handler" in output.</summary>
    public List<TaskDefinition> Handlers { get; } = [];

    /// <summary>Dependencies first, depth first, then their dependents, as Ansible's get_all_dependencies.</summary>
    public IEnumerable<RoleDefinition> AllDependencies()
    {
        foreach (var dep in Dependencies)
        {
            foreach (var inner in dep.AllDependencies())
            {
                yield return inner;
            }

            yield return dep;
        }
    }
}
