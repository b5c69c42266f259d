namespace Orchestrator.Engine.Model;

/// <summary>
/// A <c>block</c> with its <c>rescue</c> and <c>always</c> sections. Roles and static imports are blocks too: a
/// role's tasks sit in a block whose <see cref="ForRole"/> is set, an imported file's in a block that carries the
/// import's keywords.
/// </summary>
internal sealed class BlockDefinition : TaskNode
{
    public List<TaskNode> Block { get; } = [];

    public List<TaskNode> Rescue { get; } = [];

    public List<TaskNode> Always { get; } = [];

    /// <summary>Set when this block is one use of a role: its dependencies' blocks, then the role's tasks.</summary>
    public RoleDefinition? ForRole { get; init; }

    /// <summary>include_tasks/include_role parameters (the include's <c>vars</c>) for the tasks it brought in.</summary>
    public Dictionary<string, object?>? IncludeParams { get; init; }
}
