namespace Orchestrator.Inventory.Yaml;

/// <summary>A scalar node: its text, whether it was plain (unquoted), or a value already typed by JSON.</summary>
internal sealed class YScalar(int line, int column, string? tag, string value, bool plain) : YNode(line, column, tag)
{
    public string Value { get; } = value;

    /// <summary>True for an unquoted scalar, the only kind PyYAML types implicitly.</summary>
    public bool Plain { get; } = plain;

    /// <summary>Set when the value is already typed (JSON input), so no YAML resolution applies.</summary>
    public bool HasTypedValue { get; init; }

    public object? TypedValue { get; init; }

    public override string Kind => "scalar";
}
