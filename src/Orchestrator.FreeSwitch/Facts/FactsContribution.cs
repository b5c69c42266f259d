using System.Text.RegularExpressions;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// Extra probes another layer has run in the same facts session, so they cost no extra round trip (the compliance sweep:
/// the policy's own commands). The collector runs <see cref="Script"/> after the facts script has finished (its exit
/// code is kept), in the session's own shell with its working directory and environment, under the marker of section
/// <see cref="Name"/>, and hands what it printed back to <see cref="Read"/>.
/// </summary>
public abstract partial class FactsContribution
{
    protected FactsContribution(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"a facts contribution's name is lower-case letters, digits and '_', but is '{name}'", nameof(name));
        }

        Name = name;
    }

    /// <summary>The section's name: unique among the contributions, and none of the collector's own.</summary>
    public string Name { get; }

    /// <summary>
    /// POSIX shell whose standard output is this section. It must not exit, and must not print a line that starts with
    /// the facts marker: arbitrary output has to come back encoded (base64, as the compliance probes do).
    /// </summary>
    public abstract string Script { get; }

    /// <summary>
    /// Called once the session has ended, with the section's text, or null when the script never printed it (the session
    /// failed or timed out first). Called before the collector reports that the facts themselves could not be gathered.
    /// </summary>
    public abstract void Read(string? text);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}
