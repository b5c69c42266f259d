namespace Orchestrator.Compliance.History;

/// <summary>What <c>sweep history</c> filters on. Host and control narrow failures and flapping; since narrows all three.</summary>
public sealed record HistoryFilter
{
    public string? Host { get; init; }

    public string? Control { get; init; }

    public DateTimeOffset? Since { get; init; }

    /// <summary>A host flaps when its compliance changed at least this many times in the window.</summary>
    public int FlapThreshold { get; init; } = 3;
}
