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

internal sealed class YSequence(int line, int column, string? tag) : YNode(line, column, tag)
{
    public List<YNode> Items { get; } = [];

    public override string Kind => "sequence";
}

internal sealed class YMapping(int line, int column, string? tag) : YNode(line, column, tag)
{
    public List<KeyValuePair<YNode, YNode>> Pairs { get; } = [];

    public override string Kind => "mapping";
}

internal static class YamlTags
{
    public const string Str = "tag:yaml.org,2002:str";
    public const string Int = "tag:yaml.org,2002:int";
    public const string Float = "tag:yaml.org,2002:float";
    public const string Bool = "tag:yaml.org,2002:bool";
    public const string Null = "tag:yaml.org,2002:null";
    public const string Timestamp = "tag:yaml.org,2002:timestamp";
    public const string Merge = "tag:yaml.org,2002:merge";
    public const string Value = "tag:yaml.org,2002:value";
    public const string Map = "tag:yaml.org,2002:map";
    public const string Seq = "tag:yaml.org,2002:seq";
    public const string Binary = "tag:yaml.org,2002:binary";
    public const string Set = "tag:yaml.org,2002:set";
    public const string Omap = "tag:yaml.org,2002:omap";
    public const string Pairs = "tag:yaml.org,2002:pairs";
    public const string PythonDict = "tag:yaml.org,2002:python/dict";
    public const string PythonUnicode = "tag:yaml.org,2002:python/unicode";
    public const string Unsafe = "!unsafe";
    public const string Vault = "!vault";
    public const string VaultEncrypted = "!vault-encrypted";
}
