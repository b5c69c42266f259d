namespace Orchestrator.Engine.Modules;

/// <summary>The type of a module argument, checked at load time (when the value is not a template) and after rendering.</summary>
public enum ArgumentType
{
    /// <summary>Any scalar; numbers and booleans are converted to text.</summary>
    String,

    Integer,

    /// <summary>true/false/yes/no/on/off/1/0.</summary>
    Boolean,

    /// <summary>A list, or a comma-separated string.</summary>
    List,

    Mapping,

    /// <summary>An octal file mode such as "0644" or "u=rw,g=r,o=r" is not supported; a YAML 1.1 octal integer (0644) is accepted.</summary>
    Mode,

    /// <summary>Any value, passed through as plain data.</summary>
    Any,
}
