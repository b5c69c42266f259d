namespace Orchestrator.Core.Errors;

/// <summary>A position in a user's file, 1-based, printed as <c>file:line:column</c>.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() =>
        Line > 0 ? (Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}") : File;
}
