using System.Globalization;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>pid</c>: the process the prelude chose (<c>$pid</c>), then every freeswitch of this host (<c>$pids</c>); unreadable
/// when the prelude could not look (no pgrep), which is not "not running".
/// </summary>
internal sealed class ProcessIdsSection : FactsSection<ProcessIds>
{
    public override string Name => "pid";

    protected override string Bash => "if [ -z \"$pids\" ] && [ -n \"$pidserr\" ]; then fsunread \"$pidserr\"; else echo \"$pid\"; echo \"$pids\"; fi";

    public override SectionResult<ProcessIds> Parse(string text)
    {
        var lines = text.Split('\n');
        var pid = int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        var pids = (lines.Length > 1 ? lines[1] : string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(v => v > 0)
            .ToList();
        if (pid is { } main && !pids.Contains(main))
        {
            pids.Insert(0, main);
        }

        return SectionResult<ProcessIds>.Read(new ProcessIds(pid, pids));
    }
}
