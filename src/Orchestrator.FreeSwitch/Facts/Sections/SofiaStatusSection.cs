namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>sofia_status</c>. The profile names come from this reply (<see cref="ProfileStatusSection"/>, right after it):
/// bash keeps it in <c>$fslast</c>, the POSIX variant in a file.
/// </summary>
internal sealed class SofiaStatusSection : ApiSection<SofiaStatusReply>
{
    public override string Name => "sofia_status";

    protected override string Bash => "fsapi 'sofia status'";

    protected override string Posix => "fsapi 'sofia status' > \"$fsdir/status\"; cat \"$fsdir/status\"";

    protected override SectionResult<SofiaStatusReply> Parse(string reply, int? exitCode) =>
        SectionResult<SofiaStatusReply>.Read(new SofiaStatusReply(reply, FsCliOutputParsers.ParseSofiaStatus(reply)));
}
