namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>version</c>: FreeSWITCH's version word (null when it answered <c>-ERR</c> or nothing).</summary>
internal sealed class VersionSection : ApiSection<string?>
{
    public override string Name => "version";

    protected override string Bash => "fsapi version";

    protected override SectionResult<string?> Parse(string reply, int? exitCode) => SectionResult<string?>.Read(FsCliOutputParsers.ParseVersion(reply));
}
