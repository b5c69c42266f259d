namespace Orchestrator.Engine.Modules;

/// <summary>A before/after view of one thing a plan changes: file content, plus mode/owner and other attributes.</summary>
public sealed record ModuleDiff(string Path)
{
    /// <summary>Content before (null: the file does not exist); with <see cref="After"/> rendered as a unified diff.</summary>
    public string? Before { get; init; }

    public string? After { get; init; }

    /// <summary>False when only attributes change (no content diff to show).</summary>
    public bool HasContent { get; init; }

    /// <summary>Lines such as "mode: 0644 -> 0600" or "owner: root -> freeswitch".</summary>
    public IReadOnlyList<string> AttributeChanges { get; init; } = [];
}
