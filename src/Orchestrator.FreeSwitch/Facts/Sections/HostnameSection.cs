namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>hostname</c>: the kernel's hostname (null when empty).</summary>
internal sealed class HostnameSection : ProcSysSection<string?>
{
    public override string Name => "hostname";

    protected override string File => "/proc/sys/kernel/hostname";

    public override SectionResult<string?> Parse(string text) => SectionResult<string?>.Read(text.Trim() is { Length: > 0 } h ? h : null);
}
