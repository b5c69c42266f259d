namespace Orchestrator.Compliance.Checks;

/// <summary>The kinds of value a check parameter takes.</summary>
internal enum ParamKind
{
    Bool,
    Integer,
    Number,
    String,
    Regex,
    StringList,
}
