namespace Orchestrator.Inventory.Python;

/// <summary>A word from <see cref="PosixShlex.Split"/> with the 0-based index where it starts in the line.</summary>
internal readonly record struct ShlexToken(string Text, int Start);
