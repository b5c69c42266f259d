using System.Globalization;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>bind_errors</c>: the <c>Bind Error</c> lines of the log whose own timestamps fall in the window (<c>$window</c>
/// seconds back), counted on the host with grep and awk; <c>unreadable</c> when the log cannot be read. The window's
/// start is local time, as the log lines carry it: bash gets it through EPOCHREALTIME and printf's %(...)T (no process).
/// </summary>
internal sealed class BindErrorsSection : FactsSection<BindErrorLines>
{
    private const string Unreadable = "unreadable";

    /// <summary>Counts RTP and RTCP <c>Bind Error</c> lines since <c>$since</c>.</summary>
    private const string Count = """
          grep -a -F 'Bind Error!' "$log" 2>/dev/null | awk -v c="$since" '
            { ts = ""; if (match($0, /[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]/)) ts = substr($0, RSTART, RLENGTH) }
            ts != "" && ts >= c { if (index($0, "RTCP Bind Error!") > 0) rtcp++; else { rtp++; last = $0 } }
            END { printf "rtp %d\nrtcp %d\n", rtp, rtcp; if (last != "") print "last " last }'
        """;

    public override string Name => "bind_errors";

    protected override string Bash => Body("printf -v since '%(%Y-%m-%d %H:%M:%S)T' \"$(( ${EPOCHREALTIME%[.,]*} - window ))\"");

    protected override string Posix => Body("since=$(date -d \"@$(( $(date +%s) - window ))\" '+%Y-%m-%d %H:%M:%S' 2>/dev/null || echo 0000-00-00)");

    public override SectionResult<BindErrorLines> Parse(string text)
    {
        if (text.Trim() == Unreadable)
        {
            return SectionResult<BindErrorLines>.Unreadable("the log is not readable");
        }

        var kv = SectionText.KeyValues(text);
        return SectionResult<BindErrorLines>.Read(new BindErrorLines(
            kv.GetValueOrDefault("since"),
            long.TryParse(kv.GetValueOrDefault("rtp"), NumberStyles.None, CultureInfo.InvariantCulture, out var rtp) ? rtp : 0,
            long.TryParse(kv.GetValueOrDefault("rtcp"), NumberStyles.None, CultureInfo.InvariantCulture, out var rtcp) ? rtcp : 0,
            kv.GetValueOrDefault("last")));
    }

    private static string Body(string since) =>
        "if [ -r \"$log\" ]; then\n  " + since + "\n  echo \"since $since\"\n" + Count + "\nelse echo " + Unreadable + "; fi";
}
