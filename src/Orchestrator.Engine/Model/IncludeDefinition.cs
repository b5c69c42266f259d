namespace Orchestrator.Engine.Model;

/// <summary>
/// What a dynamic <c>include_tasks</c> or <c>include_role</c> brings in when a host reaches it: the target (a file
/// or a role name, possibly a template rendered per host), the role's <c>*_from</c> files, and the <c>apply</c>
/// keywords the included tasks inherit (the include's own <c>when</c> and <c>tags</c> are for the include only).
/// </summary>
internal sealed class IncludeDefinition
{
    public required bool IsRole { get; init; }

    public required Expression Target { get; init; }

    public RoleFrom From { get; init; } = RoleFrom.Main;

    /// <summary><c>apply:</c> keywords for every included task.</summary>
    public TaskOptions Apply { get; init; } = new();

    /// <summary>include_role <c>public</c>: the role's defaults and vars stay visible to the rest of the play.</summary>
    public bool Public { get; init; }

    /// <summary>include_role <c>allow_duplicates</c> (true by default, as in Ansible).</summary>
    public bool AllowDuplicates { get; init; } = true;

    /// <summary>Loads the rendered target into a block under <c>parent</c> (set by the loader, which knows the files).</summary>
    public required Func<string, BlockDefinition, BlockDefinition> Load { get; init; }
}
