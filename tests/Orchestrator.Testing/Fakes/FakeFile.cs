namespace Orchestrator.Testing.Fakes;

/// <summary>A file on a <see cref="FakeHost"/>: its bytes and attributes.</summary>
public sealed record FakeFile(byte[] Content, string Mode, string Owner, string Group);
