using Orchestrator.Core.Shell;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>var NAME</c>: <c>global_getvar NAME</c>, a runtime variable of the running process (null when it answered an error).</summary>
internal sealed class RuntimeVariableSection(string variable) : ApiSection<string?>
{
    private const string Prefix = "var ";

    /// <summary>The variable's name (<c>local_ip_v4</c>, ...).</summary>
    public string Variable => variable;

    public override string Name => Prefix + variable;

    protected override string Bash => "fsapi " + ShellQuote.Quote("global_getvar " + variable);

    protected override SectionResult<string?> Parse(string reply, int? exitCode) =>
        SectionResult<string?>.Read(FsCliOutputParsers.IsError(reply) ? null : reply.Trim());
}
