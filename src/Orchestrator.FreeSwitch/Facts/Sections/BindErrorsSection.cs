using System.Globalization;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>bind_errors</c>: the <c>Bind Error</c> lines of the log whose own timestamps fall in the window (<c>$window</c>
/// seconds back), counted on the host with grep and awk; unreadable, with why, when the log is missing or may not be read
/// or grep or awk is missing, or grep fails (its "no line matched" is not a failure). The window's
/// start is local time, as the log lines carry it: bash gets it through EPOCHREALTIME and printf's %(...)T (no process).
/// </summary>
internal sealed class BindErrorsSection : FactsSection<BindErrorLines>
{
    /// <summary>
    /// Counts RTP and RTCP <c>Bind Error</c> lines since <c>$since</c>. grep's exit 1 is "no line"; above that it failed,
    /// and its unreadable line goes through awk, which passes such lines on.
    /// </summary>
    private const string Count = """
          { grep -a -F 'Bind Error!' "$log" 2>/dev/null || [ $? -eq 1 ] || fsunread "grep could not read the log $log"; } | awk -v c="$since" '
            index($0, "@@unreadable@@ ") == 1 { print; next }
            { ts = ""; if (match($0, /[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]/)) ts = substr($0, RSTART, RLENGTH) }
            ts != "" && ts >= c { if (index($0, "RTCP Bind Error!") > 0) rtcp++; else { rtp++; last = $0 } }
            END { printf "rtp %d\nrtcp %d\n", rtp, rtcp; if (last != "") print "last " last }'
        """;

    private const string Hint = "run with --become (sudo) or give the log to a group the login user is in";

    public override string Name => "bind_errors";

    protected override string Bash => Body("printf -v since '%(%Y-%m-%d %H:%M:%S)T' \"$(( ${EPOCHREALTIME%[.,]*} - window ))\"");

    protected override string Posix => Body("since=$(date -d \"@$(( $(date +%s) - window ))\" '+%Y-%m-%d %H:%M:%S' 2>/dev/null || echo 0000-00-00)");

    public override SectionResult<BindErrorLines> Parse(string text)
    {
        var kv = SectionText.KeyValues(text);
        return SectionResult<BindErrorLines>.Read(new BindErrorLines(
            kv.GetValueOrDefault("since"),
            long.TryParse(kv.GetValueOrDefault("rtp"), NumberStyles.None, CultureInfo.InvariantCulture, out var rtp) ? rtp : 0,
            long.TryParse(kv.GetValueOrDefault("rtcp"), NumberStyles.None, CultureInfo.InvariantCulture, out var rtcp) ? rtcp : 0,
            kv.GetValueOrDefault("last")));
    }

    private static string Body(string since) =>
        "fstools=''; for t in grep awk; do command -v \"$t\" >/dev/null 2>&1 || fstools=\"$fstools $t\"; done\n"
        + "if [ ! -e \"$log\" ]; then fsunread \"file missing: the log $log\"\n"
        + "elif [ ! -r \"$log\" ]; then fsunread \"Permission denied: the log $log cannot be read; " + Hint + "\"\n"
        + "elif [ -n \"$fstools\" ]; then fsunread \"missing tool:$fstools (not found in PATH=$PATH)\"\n"
        + "else\n  " + since + "\n  echo \"since $since\"\n" + Count + "\nfi";
}
