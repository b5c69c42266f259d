namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>Collects, by section name, why sections could not be read.</summary>
internal sealed class UnreadableSections
{
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);

    public UnreadableSections(params IEnumerable<IReadOnlyDictionary<string, string>> already)
    {
        foreach (var (name, reason) in already.SelectMany(a => a))
        {
            _reasons[name] = reason;
        }
    }

    public IReadOnlyDictionary<string, string> Reasons => _reasons;

    /// <summary>Notes <paramref name="result"/> of <paramref name="section"/> if it is unreadable, and hands it back.</summary>
    public SectionResult<T> Note<T>(ScriptSection section, SectionResult<T> result)
    {
        if (result.UnreadableReason is { } reason)
        {
            _reasons[section.Name] = reason;
        }

        return result;
    }
}
