namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// A section of the system part of the facts script (pyinfra's fact: a command plus a parser): its name, its bash body,
/// its POSIX body (the bash one unless overridden) and the parser of what the body printed. The bodies may use the
/// variables the prelude sets (<c>$pid</c>, <c>$pids</c>, <c>$conf</c>, <c>$log</c>, <c>$window</c>, <c>$sockmode</c>)
/// and its functions <c>fsunread</c> and <c>fsrun</c> (<see cref="SectionText.ShellFunctions"/>): a body that cannot read
/// its source says so, and why, rather than print nothing.
/// </summary>
internal abstract class FactsSection<T> : ScriptSection
{
    /// <summary>Why a section is unreadable when the script never printed it.</summary>
    public const string NotPrinted = "the facts script did not print it";

    /// <summary>Parses the section's text (without the marker and the trailing blank line), which holds no unreadable marker.</summary>
    public abstract SectionResult<T> Parse(string text);

    /// <summary>
    /// This section in <paramref name="output"/>: unreadable when the script never printed it or the body said it could
    /// not read its source (<see cref="SectionText.UnreadableMarker"/>), else what <see cref="Parse"/> makes of it.
    /// </summary>
    public SectionResult<T> Read(FactsOutput output)
    {
        if (output.Find(Name) is not { } text)
        {
            return SectionResult<T>.Unreadable(NotPrinted);
        }

        return SectionText.UnreadableReason(text) is { } reason ? SectionResult<T>.Unreadable(reason) : Parse(text);
    }
}
