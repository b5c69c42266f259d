namespace Orchestrator.Inventory.Yaml;

/// <summary>A mapping node: its key/value pairs in document order, duplicates and merge keys not yet resolved.</summary>
internal sealed class YMapping(int line, int column, string? tag) : YNode(line, column, tag)
{
    public List<KeyValuePair<YNode, YNode>> Pairs { get; } = [];

    public override string Kind => "mapping";
}
