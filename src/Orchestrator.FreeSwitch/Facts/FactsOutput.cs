using System.Globalization;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>The output of a facts script cut into its sections (<see cref="RemoteScript.Split"/>), in order.</summary>
internal sealed class FactsOutput
{
    /// <summary>The marker <c>fsapi</c> prints after each reply: <c>rc N</c>, fs_cli's (or the ESL client's) exit code.</summary>
    private const string ExitCodePrefix = "rc ";

    private readonly List<KeyValuePair<string, string>> _sections;

    private FactsOutput(List<KeyValuePair<string, string>> sections) => _sections = sections;

    public static FactsOutput Parse(string stdout) => new(RemoteScript.Split(stdout));

    /// <summary>Sections already split into a map (<see cref="RemoteScript.SplitToMap"/>).</summary>
    public static FactsOutput FromMap(IReadOnlyDictionary<string, string> sections) => new(sections.ToList());

    public int Count => _sections.Count;

    public bool Contains(string name) => _sections.Exists(s => s.Key == name);

    /// <summary>The text of the last section named <paramref name="name"/>, or null when the script never printed it.</summary>
    public string? Find(string name) => _sections.FindLast(s => s.Key == name) is { Key: not null } s ? s.Value : null;

    /// <summary>The sections before the first one named <paramref name="name"/> (all of them when there is none), and those after it (none).</summary>
    public (FactsOutput Before, FactsOutput After) SplitAt(string name)
    {
        var at = _sections.FindIndex(s => s.Key == name);
        return at < 0 ? (this, new FactsOutput([])) : (new FactsOutput(_sections[..at]), new FactsOutput(_sections[(at + 1)..]));
    }

    /// <summary>These sections without the ones named in <paramref name="names"/>.</summary>
    public FactsOutput Without(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? this : new FactsOutput(_sections.Where(s => !names.Contains(s.Key)).ToList());

    /// <summary>
    /// Every section named <paramref name="name"/> with the exit code of the <c>rc</c> marker right after it (null when
    /// none follows): how API replies come back.
    /// </summary>
    public IEnumerable<(string Text, int? ExitCode)> Replies(string name)
    {
        for (var i = 0; i < _sections.Count; i++)
        {
            if (_sections[i].Key != name)
            {
                continue;
            }

            var next = i + 1 < _sections.Count ? _sections[i + 1].Key : string.Empty;
            int? rc = next.StartsWith(ExitCodePrefix, StringComparison.Ordinal)
                && int.TryParse(next[ExitCodePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
            yield return (_sections[i].Value, rc);
        }
    }
}
