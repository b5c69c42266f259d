namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>conf_dir</c>: the conf dir the prelude settled on (<c>auto</c> resolved), without a trailing slash.</summary>
internal sealed class ConfDirSection : FactsSection<string>
{
    private const string Default = "/etc/freeswitch";

    public override string Name => "conf_dir";

    protected override string Bash => "echo \"$conf\"";

    public override SectionResult<string> Parse(string text)
    {
        var confDir = text.Trim();
        return SectionResult<string>.Read(confDir.Length == 0 ? Default : confDir.TrimEnd('/'));
    }
}
