namespace Orchestrator.Inventory.Yaml;

/// <summary>A node of a parsed YAML or JSON document, with its 1-based position for error messages.</summary>
internal abstract class YNode(int line, int column, string? tag)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>The resolved tag (for example <c>tag:yaml.org,2002:str</c>, <c>!unsafe</c>).</summary>
    public string? Tag { get; set; } = tag;

    public abstract string Kind { get; }
}
