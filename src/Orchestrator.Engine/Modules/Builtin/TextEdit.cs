namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>The outcome of editing a file's text in memory: the new text and the change in words, or why nothing changes.</summary>
/// <param name="Text">The new text (null: leave the file as it is).</param>
/// <param name="Change">What changed, or null when nothing did.</param>
/// <param name="Unchanged">Why nothing changes, when <paramref name="Change"/> is null.</param>
internal sealed record TextEdit(string? Text, ChangeSummary? Change, string? Unchanged)
{
    public static TextEdit Changed(string text, ChangeSummary change) => new(text, change, null);

    public static TextEdit Same(string? text, string reason) => new(text, null, reason);

    /// <summary>The plan's message: the change ("would add a line") or the reason nothing changes.</summary>
    public string Message => Change?.Planned ?? Unchanged ?? string.Empty;
}
