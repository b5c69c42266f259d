namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// A section of the system part of the facts script (pyinfra's fact: a command plus a parser): its name, its bash body,
/// its POSIX body (the bash one unless overridden) and the parser of what the body printed. The bodies may use the
/// variables the prelude sets (<c>$pid</c>, <c>$pids</c>, <c>$conf</c>, <c>$log</c>, <c>$window</c>, <c>$sockmode</c>).
/// </summary>
internal abstract class FactsSection<T> : ScriptSection
{
    /// <summary>Parses the section's text (without the marker and the trailing blank line).</summary>
    public abstract SectionResult<T> Parse(string text);

    /// <summary>
    /// This section in <paramref name="output"/>. A section the script never printed reads as empty text, as it always
    /// has; turning that into <see cref="SectionResult{T}.Unreadable"/> is a change of this one line.
    /// </summary>
    public SectionResult<T> Read(FactsOutput output) => Parse(output.Find(Name) ?? string.Empty);
}
