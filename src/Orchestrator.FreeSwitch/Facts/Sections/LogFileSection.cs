namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>log</c>: the log file the prelude settled on (<c>auto</c> resolved).</summary>
internal sealed class LogFileSection : FactsSection<string>
{
    public override string Name => "log";

    protected override string Bash => "echo \"$log\"";

    public override SectionResult<string> Parse(string text) => SectionResult<string>.Read(text.Trim());
}
