namespace Orchestrator.Inventory.Parsing;

/// <summary>A malformed host range; <see cref="Offset"/> is the 0-based index of the range in the pattern.</summary>
internal sealed class HostRangeException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}
