namespace Orchestrator.Engine.Model;

/// <summary>A <c>block</c> with its <c>rescue</c> and <c>always</c> sections.</summary>
internal sealed class BlockDefinition : TaskNode
{
    public List<TaskNode> Block { get; } = [];

    public List<TaskNode> Rescue { get; } = [];

    public List<TaskNode> Always { get; } = [];
}
