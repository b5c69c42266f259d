namespace Orchestrator.Inventory.Yaml;

/// <summary>A sequence node and its items in document order.</summary>
internal sealed class YSequence(int line, int column, string? tag) : YNode(line, column, tag)
{
    public List<YNode> Items { get; } = [];

    public override string Kind => "sequence";
}
