using System.Globalization;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>process</c>: when the process started, as Unix seconds (null when none runs). bash: its start time through read
/// and the clock through EPOCHREALTIME, so neither costs a process; USER_HZ is 100 on every Linux architecture Debian
/// and RHEL ship (getconf would be one more process for a constant). A process whose stat cannot be read (it exited
/// meanwhile, or /proc is mounted hidepid) is unreadable: the start time decides whether a setting is in effect.
/// </summary>
internal sealed class ProcessStartSection : FactsSection<double?>
{
    public override string Name => "process";

    protected override string Bash =>
        "if [ -n \"$pid\" ]; then st=''; if ! { read -r st < \"/proc/$pid/stat\"; } 2>/dev/null; then fsunread \"cannot read /proc/$pid/stat\"; else st=${st##*) }; read -ra f <<< \"$st\"; up=''; read -r up _ < /proc/uptime; printf 'stat %s\\nhz 100\\nuptime %s\\nnow %s\\n' \"${f[19]}\" \"$up\" \"$EPOCHREALTIME\"; fi; fi";

    protected override string Posix =>
        "if [ -n \"$pid\" ]; then [ -r \"/proc/$pid/stat\" ] || fsunread \"cannot read /proc/$pid/stat\"; echo \"stat $(sed 's/^.*) //' \"/proc/$pid/stat\" 2>/dev/null | cut -d' ' -f20)\"; echo \"hz $(getconf CLK_TCK 2>/dev/null || echo 100)\"; echo \"uptime $(cut -d' ' -f1 /proc/uptime)\"; echo \"now $(date +%s.%N)\"; fi";

    public override SectionResult<double?> Parse(string text)
    {
        var process = SectionText.KeyValues(text);
        if (process.TryGetValue("stat", out var ticksText) && long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && process.TryGetValue("hz", out var hzText) && double.TryParse(hzText, NumberStyles.Float, CultureInfo.InvariantCulture, out var hz) && hz > 0
            && process.TryGetValue("uptime", out var upText) && double.TryParse(upText, NumberStyles.Float, CultureInfo.InvariantCulture, out var uptime)
            && process.TryGetValue("now", out var nowText) && double.TryParse(nowText.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var now))
        {
            // started = now - (uptime - starttime): both clocks read in the same script, so the error is a few ms.
            return SectionResult<double?>.Read(now - (uptime - (ticks / hz)));
        }

        // Nothing printed: no process. Something printed that does not parse: the start time is not known.
        return text.Trim().Length == 0
            ? SectionResult<double?>.Read(null)
            : SectionResult<double?>.Unreadable($"the process start time could not be read from '{text.Trim().ReplaceLineEndings(" ")}'");
    }
}
