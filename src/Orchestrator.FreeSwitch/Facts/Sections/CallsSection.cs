namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>calls</c>: <c>show calls count</c>.</summary>
internal sealed class CallsSection : ApiSection<long?>
{
    public override string Name => "calls";

    protected override string Bash => "fsapi 'show calls count'";

    protected override SectionResult<long?> Parse(string reply, int? exitCode) => SectionResult<long?>.Read(FsCliOutputParsers.ParseCallsCount(reply));
}
