using System.Globalization;
using System.Text;
using Orchestrator.Core.Shell;
using Orchestrator.FreeSwitch.Facts.Sections;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// What the facts script does before its first section: the settings as shell variables (<c>$conf</c>, <c>$log</c>,
/// <c>$window</c>, <c>$sockmode</c>), the freeswitch process of this host (<c>$pid</c>, <c>$pids</c>), and the conf dir and
/// log file that <c>auto</c> stands for. The sections read these variables.
/// </summary>
internal static class FactsPrelude
{
    /// <summary>
    /// Sets <c>pids</c> to the freeswitch processes of this host: those in this shell's network namespace (where
    /// the host's sockets are). On a normal host that is every freeswitch process; in containers or namespaces that
    /// share one process table (the lab), it keeps the other hosts' processes out. Without the rights to read a
    /// process's namespace (no root), the process is kept. Zombies are skipped: pgrep lists a stopped FreeSWITCH until
    /// its parent reaps it, and right after a restart that old PID (lower than the new one) would pass for the running
    /// process, with its old start time. Without pgrep nothing can be said about the process (<c>$pidserr</c> says
    /// so): not "not running". The comparison is the shell's own <c>test -ef</c> (same
    /// nsfs inode), not a <c>readlink</c> per process: with one process table for N hosts that was N processes
    /// spawned per host, and process creation is the dominant cost of a facts pass.
    /// </summary>
    private const string PidsOfThisHost =
        "pids=''; pidserr=''; "
        + "command -v pgrep >/dev/null 2>&1 || pidserr=\"missing tool: pgrep (not found in PATH=$PATH)\"; "
        + "for p in $(pgrep -x freeswitch 2>/dev/null); do "
        + "st=''; { read -r st < /proc/$p/stat; } 2>/dev/null; st=${st##*) }; st=${st%% *}; [ \"$st\" = Z ] && continue; "
        + "if [ /proc/$p/ns/net -ef /proc/$$/ns/net ] || ! [ -e /proc/$p/ns/net ] || ! [ -e /proc/$$/ns/net ]; then pids=\"${pids}${pids:+ }$p\"; fi; done";

    /// <summary>
    /// bash: the process the pid file names, when it is a live freeswitch in this network namespace (what systemd's
    /// PIDFile= trusts too), else pgrep. pgrep reads every process on the machine; in the lab, with all hosts in one
    /// process table, that made each host's pass cost grow with the size of the fleet.
    /// </summary>
    private const string PidFromPidFile = """
        pids=''; pidserr=''
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

    /// <summary>The process's arguments: bash reads them with mapfile, POSIX shells with tr and awk.</summary>
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

    /// <summary>The prelude of the facts script; <paramref name="bash"/>: of its bash 5 variant.</summary>
    public static string Facts(FreeSwitchFactsOptions options, bool bash)
    {
        var window = (long)Math.Ceiling(options.BindErrorWindow.TotalSeconds);
        var sb = new StringBuilder();
        sb.Append("LC_ALL=C; export LC_ALL\n").Append(SectionText.ShellFunctions);
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
        sb.Append(bash ? ArgBash : ArgPosix).Append(ConfAndLog);
        return sb.ToString();
    }

    /// <summary>The prelude of the fast socket probe (POSIX): the socket table mode and the processes.</summary>
    public static string Sockets(string socketTable) =>
        SectionText.ShellFunctions + "sockmode=" + ShellQuote.Quote(socketTable) + "\n" + PidsOfThisHost + "\npid=${pids%% *}\n";
}
