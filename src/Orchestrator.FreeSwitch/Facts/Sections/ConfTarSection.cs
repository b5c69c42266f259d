namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>conf_tar</c>: every file under 1 MiB in the conf dir, as a gzipped tar in base64. The tar is POSIX (pax) so it
/// carries each file's modification time to the nanosecond: no second find for them.
/// </summary>
internal sealed class ConfTarSection : FactsSection<string>
{
    public override string Name => "conf_tar";

    protected override string Bash =>
        "if [ -f \"$conf/freeswitch.xml\" ] && cd \"$conf\"; then find -L . -type f -size -1024k -print0 2>/dev/null | tar --format=posix --null -czhf - -T - 2>/dev/null | { base64 -w0 2>/dev/null || base64 | tr -d '\\n'; }; echo; cd /; fi";

    /// <summary>The base64 text; unreadable when the script found no freeswitch.xml to start from.</summary>
    public override SectionResult<string> Parse(string text)
    {
        var base64 = text.Trim();
        return base64.Length == 0 ? SectionResult<string>.Unreadable("freeswitch.xml not found") : SectionResult<string>.Read(base64);
    }
}
