namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// What one section of a facts script's output says: a value (which may be empty: no process, no lines in the
/// window), or that the section could not be read, and why (permission denied, a missing tool, a timeout). The two are
/// kept apart so that "could not look" never passes for "looked and found nothing". A reference type, so that a
/// section the script did not print at all can be told apart as null where that matters (the API replies).
/// </summary>
internal sealed class SectionResult<T>
{
    private readonly T _value;

    private SectionResult(T value, string? unreadableReason)
    {
        _value = value;
        UnreadableReason = unreadableReason;
    }

    /// <summary>Why the section could not be read; null when it was.</summary>
    public string? UnreadableReason { get; }

    public bool IsReadable => UnreadableReason is null;

    /// <summary>The value read.</summary>
    /// <exception cref="InvalidOperationException">The section was unreadable.</exception>
    public T Value => IsReadable ? _value : throw new InvalidOperationException($"the section could not be read: {UnreadableReason}");

    public static SectionResult<T> Read(T value) => new(value, null);

    public static SectionResult<T> Unreadable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new SectionResult<T>(default!, reason);
    }

    /// <summary>The value, or <paramref name="fallback"/> when the section was unreadable.</summary>
    public T ValueOr(T fallback) => IsReadable ? _value : fallback;
}
