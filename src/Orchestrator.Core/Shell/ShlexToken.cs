namespace Orchestrator.Core.Shell;

/// <summary>A word from <see cref="Shlex.Tokenize"/> with the index where it starts in the text.</summary>
public readonly record struct ShlexToken(string Text, int Start);
