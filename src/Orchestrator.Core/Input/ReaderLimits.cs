namespace Orchestrator.Core.Input;

/// <summary>
/// The limits every reader of user files holds to (inventory, playbooks, vars files, policies), so a hostile or
/// broken file ends in a clear error instead of a stack overflow, gigabytes of output or an endless parse.
/// docs/security.md lists them.
/// </summary>
public static class ReaderLimits
{
    /// <summary>Largest file a reader loads: 16 MiB, far above any real inventory, playbook or policy.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists, counted after aliases are expanded.</summary>
    public const int MaxDepth = 100;

    /// <summary>Most nodes a document may stand for once every alias is expanded (a "billion laughs" stops here).</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Most scalar characters a document may stand for once every alias is expanded.</summary>
    public const long MaxExpandedChars = 64L * 1024 * 1024;

    /// <summary>Most hosts one host range, or one inventory, may expand to.</summary>
    public const int MaxHosts = 100_000;
}
