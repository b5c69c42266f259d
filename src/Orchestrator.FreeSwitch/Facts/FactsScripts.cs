using System.Globalization;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Shell;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// The script <c>freeswitch_facts</c> runs per host (<see cref="Facts"/>): first everything that needs no password
/// (config tree, process, sockets, sysctls, log), then, once the controller has answered with the ESL password on
/// standard input only, the API (event socket from bash, or fs_cli). Also the fast socket probe the toggle polls with.
/// </summary>
internal static class FactsScripts
{
    /// <summary>
    /// Sets <c>pids</c> to the freeswitch processes of this host: those in this shell's network namespace (where
    /// the host's sockets are). On a normal host that is every freeswitch process; in containers or namespaces that
    /// share one process table (the lab), it keeps the other hosts' processes out. Without the rights to read a
    /// process's namespace (no root), the process is kept. Zombies are skipped: pgrep lists a stopped FreeSWITCH until
    /// its parent reaps it, and right after a restart that old PID (lower than the new one) would pass for the running
    /// process, with its old start time. The comparison is the shell's own <c>test -ef</c> (same
    /// nsfs inode), not a <c>readlink</c> per process: with one process table for N hosts that was N processes
    /// spawned per host, and process creation is the dominant cost of a facts pass.
    /// </summary>
    private const string PidsOfThisHost =
        "pids=''; "
        + "for p in $(pgrep -x freeswitch 2>/dev/null); do "
        + "st=''; { read -r st < /proc/$p/stat; } 2>/dev/null; st=${st##*) }; st=${st%% *}; [ \"$st\" = Z ] && continue; "
        + "if [ /proc/$p/ns/net -ef /proc/$$/ns/net ] || ! [ -e /proc/$p/ns/net ] || ! [ -e /proc/$$/ns/net ]; then pids=\"${pids}${pids:+ }$p\"; fi; done";

    /// <summary>
    /// The system part alone (no API): system and configuration. Under bash 5 (every current distribution) the script reads
    /// /proc with builtins and keeps to about ten processes (find, tar, gzip, base64, ip, ls, grep, awk): on a host, each process
    /// costs more than the reads it replaces. Without bash, or with an older one, the POSIX script gives the same sections.
    /// </summary>
    public static string System(FreeSwitchFactsOptions options) =>
        Dispatch(SystemPosix(options), Head(options, bash: true) + Body(bash: true));

    /// <summary>The POSIX variant alone (tests compare it with the bash one).</summary>
    internal static string SystemPosix(FreeSwitchFactsOptions options) => Head(options, bash: false) + Body(bash: false);

    /// <summary>bash 5 runs <paramref name="bash"/>; any other shell, or an older bash, runs <paramref name="posix"/>.</summary>
    private static string Dispatch(string posix, string bash) =>
        "if command -v bash >/dev/null 2>&1; then exec bash -c "
        + ShellQuote.Quote("if [ \"${BASH_VERSINFO[0]}\" -lt 5 ]; then exec /bin/sh -c " + ShellQuote.Quote(posix) + "; fi\n" + bash)
        + "; fi\n" + posix;

    /// <summary>
    /// bash: the process the pid file names, when it is a live freeswitch in this network namespace (what systemd's
    /// PIDFile= trusts too), else pgrep. pgrep reads every process on the machine; in the lab, with all hosts in one
    /// process table, that made each host's pass cost grow with the size of the fleet.
    /// </summary>
    private const string PidFromPidFile = """
        pids=''
        for f in /run/freeswitch/freeswitch.pid /var/run/freeswitch/freeswitch.pid /usr/local/freeswitch/run/freeswitch.pid; do
          p=''; { read -r p < "$f"; } 2>/dev/null
          [[ $p =~ ^[0-9]+$ ]] || continue
          c=''; { read -r c < "/proc/$p/comm"; } 2>/dev/null
          [ "$c" = freeswitch ] || continue
          st=''; { read -r st < "/proc/$p/stat"; } 2>/dev/null; st=${st##*) }; [ "${st%% *}" = Z ] && continue
          if [ /proc/$p/ns/net -ef /proc/$$/ns/net ] || ! [ -e /proc/$p/ns/net ] || ! [ -e /proc/$$/ns/net ]; then pids=$p; break; fi
        done
        if [ -z "$pids" ]; then

        """;

    private static string Head(FreeSwitchFactsOptions options, bool bash)
    {
        var window = (long)Math.Ceiling(options.BindErrorWindow.TotalSeconds);
        var sb = new StringBuilder();
        sb.Append("LC_ALL=C; export LC_ALL\n");
        sb.Append("conf=").Append(ShellQuote.Quote(options.ConfDir)).Append('\n');
        sb.Append("log=").Append(ShellQuote.Quote(options.LogFile)).Append('\n');
        sb.Append("window=").Append(window.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("sockmode=").Append(ShellQuote.Quote(options.SocketTable)).Append('\n');
        if (bash)
        {
            sb.Append(PidFromPidFile).Append(PidsOfThisHost).Append("\nfi\n");
        }
        else
        {
            sb.Append(PidsOfThisHost).Append('\n');
        }

        sb.Append("pid=${pids%% *}\n");
        return sb.ToString();
    }

    /// <summary>The sections both variants print the same way.</summary>
    private static readonly string CommonSections =
        RemoteScript.Section("pid") + "; echo \"$pid\"; echo \"$pids\"\n"
        + RemoteScript.Section("conf_dir") + "; echo \"$conf\"\n"
        // The tar is POSIX (pax) so it carries each file's modification time to the nanosecond: no second find for them.
        + RemoteScript.Section("conf_tar") + """
            ; if [ -f "$conf/freeswitch.xml" ] && cd "$conf"; then find -L . -type f -size -1024k -print0 2>/dev/null | tar --format=posix --null -czhf - -T - 2>/dev/null | { base64 -w0 2>/dev/null || base64 | tr -d '\n'; }; echo; cd /; fi

            """
        + RemoteScript.Section("addresses") + "; ip -o addr show up 2>/dev/null\n"
        + RemoteScript.Section("log") + "; echo \"$log\"\n";

    /// <summary>POSIX: ss (auto, ss) with the owning processes, or the /proc tables and each freeswitch's socket fds (proc).</summary>
    private static readonly string SocketsPosix =
        RemoteScript.Section("sockets") + """
            ; if [ "$sockmode" != proc ] && command -v ss >/dev/null 2>&1; then echo ss; ss -uanp 2>&1; else echo proc; cat /proc/net/udp /proc/net/udp6 2>/dev/null; fi

            """
        + RemoteScript.Section("fds") + """
            ; if [ "$sockmode" = proc ] || ! command -v ss >/dev/null 2>&1; then for p in $pids; do ls -l "/proc/$p/fd" 2>/dev/null | sed -n "s/.*socket:\[\([0-9]*\)\].*/$p \1/p"; done; fi

            """;

    /// <summary>
    /// bash: the /proc tables through mapfile and one <c>ls</c> of freeswitch's fds (auto, proc), or ss (ss). <c>ss -p</c>
    /// reads the fds of every process on the machine to find the owners; this reads only freeswitch's.
    /// </summary>
    private static readonly string SocketsBash =
        RemoteScript.Section("sockets") + """
            ; if [ "$sockmode" = ss ] && command -v ss >/dev/null 2>&1; then echo ss; ss -uanp 2>&1; else echo proc; for t in /proc/net/udp /proc/net/udp6; do lines=(); { mapfile -t lines < "$t"; } 2>/dev/null; ((${#lines[@]})) && printf '%s\n' "${lines[@]}"; done; fi

            """
        + RemoteScript.Section("fds") + """
            ; if [ "$sockmode" != ss ] || ! command -v ss >/dev/null 2>&1; then for p in $pids; do lines=(); mapfile -t lines < <(ls -l "/proc/$p/fd" 2>/dev/null); for x in "${lines[@]}"; do [[ $x =~ socket:\[([0-9]+)\] ]] && echo "$p ${BASH_REMATCH[1]}"; done; done; fi

            """;

    /// <summary>Counts RTP and RTCP <c>Bind Error</c> lines since <c>$since</c> (log lines carry local time, as date and printf print it).</summary>
    private const string BindErrorCount = """
          grep -a -F 'Bind Error!' "$log" 2>/dev/null | awk -v c="$since" '
            { ts = ""; if (match($0, /[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]/)) ts = substr($0, RSTART, RLENGTH) }
            ts != "" && ts >= c { if (index($0, "RTCP Bind Error!") > 0) rtcp++; else { rtp++; last = $0 } }
            END { printf "rtp %d\nrtcp %d\n", rtp, rtcp; if (last != "") print "last " last }'

        """;

    /// <summary>Where the process's arguments come from: bash reads them with mapfile, POSIX shells with tr and awk.</summary>
    private const string ArgPosix = """
        arg() { REPLY=$( [ -n "$pid" ] && tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | awk -v k="$1" 'f{print;exit} $0==k{f=1}' ); }

        """;

    private const string ArgBash = """
        fsargs=()
        [ -n "$pid" ] && { mapfile -d '' fsargs < "/proc/$pid/cmdline"; } 2>/dev/null
        arg() { local i; REPLY=''; for ((i = 0; i + 1 < ${#fsargs[@]}; i++)); do if [[ ${fsargs[i]} == "$1" ]]; then REPLY=${fsargs[i + 1]}; return; fi; done; }

        """;

    /// <summary>The conf dir and log file (<c>auto</c>: the process's <c>-conf</c>/<c>-log</c>, else the usual places), given <c>arg</c>.</summary>
    private const string ConfAndLog = """
        cwd=''
        abs() { case "$1" in /*) REPLY=$1 ;; *) if [ -z "$cwd" ] && [ -n "$pid" ]; then cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null); fi; REPLY="$cwd/$1" ;; esac; }
        if [ "$conf" = auto ]; then
          arg -conf; conf=$REPLY
          if [ -z "$conf" ]; then
            for c in /etc/freeswitch /usr/local/freeswitch/conf; do if [ -f "$c/freeswitch.xml" ]; then conf=$c; break; fi; done
          fi
          [ -n "$conf" ] || conf=/etc/freeswitch
          abs "$conf"; conf=$REPLY
        fi
        if [ "$log" = auto ]; then
          arg -log; ld=$REPLY
          if [ -z "$ld" ]; then ld=/var/log/freeswitch; [ -d "$ld" ] || { [ -d /usr/local/freeswitch/log ] && ld=/usr/local/freeswitch/log; }; fi
          abs "$ld"; log="$REPLY/freeswitch.log"
        fi

        """;

    /// <summary>
    /// The hostname and the two port sysctls. bash reads a /proc/sys file in one read(); dash reads byte by byte, and
    /// those files answer a read at an offset with nothing, so the POSIX variant keeps cat.
    /// </summary>
    private static string ProcSysSections(bool bash) => string.Concat(
        new[] { ("hostname", "/proc/sys/kernel/hostname"), ("port_range", "/proc/sys/net/ipv4/ip_local_port_range"), ("reserved_ports", "/proc/sys/net/ipv4/ip_local_reserved_ports") }
            .Select(s => RemoteScript.Section(s.Item1) + (bash ? $"; v=''; read -r v < {s.Item2}; echo \"$v\"\n" : $"; cat {s.Item2}\n")));

    /// <summary>The start of the Bind Error window (<c>$since</c>) in local time, as the log lines carry it.</summary>
    private static string BindErrorsSection(string since) =>
        RemoteScript.Section("bind_errors") + "; if [ -r \"$log\" ]; then\n  " + since + "\n  echo \"since $since\"\n" + BindErrorCount + "else echo unreadable; fi\n";

    /// <summary>
    /// The system sections. bash 5: the process's arguments through mapfile, its start time through read, the clock
    /// through EPOCHREALTIME and the window's start through printf's %(...)T, so none of them costs a process. USER_HZ is
    /// 100 on every Linux architecture Debian and RHEL ship (getconf would be one more process for a constant).
    /// </summary>
    private static string Body(bool bash) =>
        (bash ? ArgBash : ArgPosix)
        + ConfAndLog
        + CommonSections
        + (bash ? SocketsBash : SocketsPosix)
        + ProcSysSections(bash)
        + RemoteScript.Section("process")
        + (bash
            ? """
                ; if [ -n "$pid" ]; then st=''; { read -r st < "/proc/$pid/stat"; } 2>/dev/null; st=${st##*) }; read -ra f <<< "$st"; up=''; read -r up _ < /proc/uptime; printf 'stat %s\nhz 100\nuptime %s\nnow %s\n' "${f[19]}" "$up" "$EPOCHREALTIME"; fi

                """
            : """
                ; if [ -n "$pid" ]; then echo "stat $(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f20)"; echo "hz $(getconf CLK_TCK 2>/dev/null || echo 100)"; echo "uptime $(cut -d' ' -f1 /proc/uptime)"; echo "now $(date +%s.%N)"; fi

                """)
        + BindErrorsSection(bash
            ? "printf -v since '%(%Y-%m-%d %H:%M:%S)T' \"$(( ${EPOCHREALTIME%[.,]*} - window ))\""
            : "since=$(date -d \"@$(( $(date +%s) - window ))\" '+%Y-%m-%d %H:%M:%S' 2>/dev/null || echo 0000-00-00)");

    /// <summary>The line the facts script prints when it waits for the API answer (see <see cref="Facts"/>).</summary>
    public const string ApiPromptSection = "api-credentials";

    public static string ApiPrompt => RemoteScript.Marker + ApiPromptSection;

    /// <summary>
    /// The whole facts pass in one session (one login, one sudo): the system sections, then the <see cref="ApiPrompt"/> line,
    /// then the script reads its next stdin line. The controller parses the configuration from what it got so far and
    /// answers <c>skip</c>, or <c>api</c>, the capture host name to resolve (or an empty line), and the ESL host, port and
    /// password (one per line, a secret); the script then asks FreeSWITCH, from bash over one event-socket connection
    /// (or through fs_cli).
    /// </summary>
    public static string Facts(FreeSwitchFactsOptions options) => Dispatch(
        SystemPosix(options) + ApiTail(options, bash: false),
        Head(options, bash: true) + Body(bash: true) + ApiTail(options, bash: true));

    private static string ApiTail(FreeSwitchFactsOptions options, bool bash)
    {
        var sb = new StringBuilder();
        sb.Append(RemoteScript.Section(ApiPromptSection)).Append('\n');
        sb.Append("fsgo=''; IFS= read -r fsgo\n");
        sb.Append("if [ \"$fsgo\" = api ]; then\nfsresolve=''; IFS= read -r fsresolve\n");
        if (bash && options.ApiClient == Esl.ApiClient.Esl)
        {
            // Already bash: the ESL client runs in this shell, and the profile names come from the reply without a file.
            sb.Append(Esl.FsCli.EslClient);
            sb.Append(RemoteScript.Section("version")).Append("; fsapi version\n");
            sb.Append(RemoteScript.Section("sofia_status")).Append("; fsapi 'sofia status'\n");
            sb.Append("""
                fsprofiles=()
                while IFS=$'\t' read -r n t x y; do
                  [[ -n $y ]] || continue
                  n=${n#"${n%%[! ]*}"}; n=${n%"${n##*[! ]}"}; t=${t#"${t%%[! ]*}"}; t=${t%"${t##*[! ]}"}
                  [[ $t == profile ]] && fsprofiles+=("$n")
                done <<< "$fslast"
                for p in "${fsprofiles[@]}"; do

                """);
            sb.Append("  ").Append(RemoteScript.Section("profile")).Append("; echo \"$p\"\n");
            sb.Append("  fsapi \"sofia status profile $p\"\ndone\n");
            sb.Append(ApiCommonTail);
            sb.Append("exec 3>&- 2>/dev/null\n");
        }
        else
        {
            sb.Append("(\n").Append(Esl.FsCli.Script(PosixApiBody, options.FsCliPath, options.ApiClient)).Append("\n)\n");
        }

        sb.Append("fi\n");
        return sb.ToString();
    }

    /// <summary>The API commands for shells without bash 5 (through <see cref="Esl.FsCli.Script"/>, which reads the credentials).</summary>
    private static readonly string PosixApiBody =
        RemoteScript.Section("version") + "; fsapi version\n"
        + RemoteScript.Section("sofia_status") + "; fsapi 'sofia status' > \"$fsdir/status\"; cat \"$fsdir/status\"\n"
        + """
            for p in $(awk -F'\t' 'NF >= 4 { n = $1; t = $2; gsub(/^ +| +$/, "", n); gsub(/^ +| +$/, "", t); if (t == "profile") print n }' "$fsdir/status"); do

            """
        + "  " + RemoteScript.Section("profile") + "; echo \"$p\"\n"
        + "  fsapi \"sofia status profile $p\"\ndone\n"
        + ApiCommonTail;

    /// <summary>Calls, the runtime variables, and the capture host's addresses as this host resolves them (when it is a name).</summary>
    private static readonly string ApiCommonTail =
        RemoteScript.Section("calls") + "; fsapi 'show calls count'\n"
        + string.Concat(new[] { "local_ip_v4", "local_ip_v6", "hostname" }.Select(v =>
            RemoteScript.Section("var " + v) + "; fsapi " + ShellQuote.Quote("global_getvar " + v) + "\n"))
        + "if [ -n \"$fsresolve\" ]; then " + RemoteScript.Section("resolve") + "; getent ahosts \"$fsresolve\" 2>/dev/null | awk '{print $1}' | sort -u; fi\n";

    /// <summary>What the controller writes when the script asks (<see cref="ApiPrompt"/>): the API, or nothing more.</summary>
    /// <param name="credentials">The ESL credentials (<see cref="Esl.FsCli.Credentials"/>), or null for no API.</param>
    /// <param name="captureHostToResolve">A capture-server host name to resolve on the host, or null.</param>
    public static Secret ApiAnswer(Secret? credentials, string? captureHostToResolve)
    {
        if (credentials is null)
        {
            return new Secret("skip\n");
        }

        if (captureHostToResolve?.Contains('\n', StringComparison.Ordinal) == true)
        {
            throw new ArgumentException("the capture host name must be one line");
        }

        return new Secret("api\n" + (captureHostToResolve ?? string.Empty) + "\n" + credentials.Reveal());
    }

    /// <summary>The fast probe the toggle polls with: process, UDP sockets and the two port sysctls.</summary>
    public static string Sockets(string socketTable)
    {
        var sb = new StringBuilder();
        sb.Append("sockmode=").Append(ShellQuote.Quote(socketTable)).Append('\n');
        sb.Append(PidsOfThisHost).Append('\n');
        sb.Append(RemoteScript.Section("pid")).Append("; echo \"${pids%% *}\"; echo \"$pids\"\n");
        sb.Append(RemoteScript.Section("sockets")).Append("""
            ; if [ "$sockmode" != proc ] && command -v ss >/dev/null 2>&1; then echo ss; ss -uanp 2>&1; else echo proc; cat /proc/net/udp /proc/net/udp6 2>/dev/null; fi

            """);
        sb.Append(RemoteScript.Section("fds")).Append("""
            ; if [ "$sockmode" = proc ] || ! command -v ss >/dev/null 2>&1; then for p in $pids; do ls -l "/proc/$p/fd" 2>/dev/null | sed -n "s/.*socket:\[\([0-9]*\)\].*/$p \1/p"; done; fi

            """);
        sb.Append(RemoteScript.Section("port_range")).Append("; cat /proc/sys/net/ipv4/ip_local_port_range\n");
        sb.Append(RemoteScript.Section("reserved_ports")).Append("; cat /proc/sys/net/ipv4/ip_local_reserved_ports\n");
        return sb.ToString();
    }
}
