namespace Orchestrator.Inventory.Yaml;

/// <summary>The YAML 1.1 tags PyYAML resolves, and the Ansible-specific ones (<c>!unsafe</c>, <c>!vault</c>).</summary>
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
