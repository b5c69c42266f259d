using System.Globalization;
using System.Text;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// The two scripts <c>freeswitch_facts</c> runs per host. The first reads everything that needs no password
/// (config tree, process, sockets, sysctls, log); the second talks to FreeSWITCH through fs_cli, with the ESL
/// password on standard input only.
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

    /// <summary>Round trip 1: system and configuration.</summary>
    public static string System(FreeSwitchFactsOptions options)
    {
        var window = (long)Math.Ceiling(options.BindErrorWindow.TotalSeconds);
        var sb = new StringBuilder();
        sb.Append("conf=").Append(RemoteScript.Quote(options.ConfDir)).Append('\n');
        sb.Append("log=").Append(RemoteScript.Quote(options.LogFile)).Append('\n');
        sb.Append("window=").Append(window.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("sockmode=").Append(RemoteScript.Quote(options.SocketTable)).Append('\n');
        sb.Append(PidsOfThisHost).Append('\n');
        sb.Append("""
            pid=${pids%% *}
            arg() { [ -n "$pid" ] && tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | awk -v k="$1" 'f{print;exit} $0==k{f=1}'; }
            cwd=$( [ -n "$pid" ] && readlink "/proc/$pid/cwd" 2>/dev/null )
            if [ "$conf" = auto ]; then
              conf=$(arg -conf)
              if [ -z "$conf" ]; then
                for c in /etc/freeswitch /usr/local/freeswitch/conf; do if [ -f "$c/freeswitch.xml" ]; then conf=$c; break; fi; done
              fi
              [ -n "$conf" ] || conf=/etc/freeswitch
              case "$conf" in /*) ;; *) conf="$cwd/$conf" ;; esac
            fi
            if [ "$log" = auto ]; then
              ld=$(arg -log)
              if [ -z "$ld" ]; then ld=/var/log/freeswitch; [ -d "$ld" ] || { [ -d /usr/local/freeswitch/log ] && ld=/usr/local/freeswitch/log; }; fi
              case "$ld" in /*) ;; *) ld="$cwd/$ld" ;; esac
              log="$ld/freeswitch.log"
            fi

            """);
        sb.Append(RemoteScript.Section("pid")).Append("; echo \"$pid\"; echo \"$pids\"\n");
        sb.Append(RemoteScript.Section("conf_dir")).Append("; echo \"$conf\"\n");
        sb.Append(RemoteScript.Section("conf_tar")).Append("""
            ; if [ -f "$conf/freeswitch.xml" ]; then (cd "$conf" && find -L . -type f -size -1024k -print0 2>/dev/null | tar --null -czhf - -T - 2>/dev/null | base64 | tr -d '\n'); echo; fi

            """);
        sb.Append(RemoteScript.Section("conf_mtimes")).Append("""
            ; if [ -d "$conf" ]; then (cd "$conf" && find -L . -type f -size -1024k -printf '%T@ %p\n' 2>/dev/null); fi

            """);
        sb.Append(RemoteScript.Section("hostname")).Append("; hostname 2>/dev/null || cat /proc/sys/kernel/hostname\n");
        sb.Append(RemoteScript.Section("addresses")).Append("; ip -o addr show up 2>/dev/null\n");
        sb.Append(RemoteScript.Section("process")).Append("""
            ; if [ -n "$pid" ]; then echo "stat $(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f20)"; echo "hz $(getconf CLK_TCK 2>/dev/null || echo 100)"; echo "uptime $(cut -d' ' -f1 /proc/uptime)"; echo "now $(date +%s.%N)"; fi

            """);
        sb.Append(RemoteScript.Section("sockets")).Append("""
            ; if [ "$sockmode" != proc ] && command -v ss >/dev/null 2>&1; then echo ss; ss -uanp 2>&1; else echo proc; cat /proc/net/udp /proc/net/udp6 2>/dev/null; fi

            """);
        sb.Append(RemoteScript.Section("fds")).Append("""
            ; if [ "$sockmode" = proc ] || ! command -v ss >/dev/null 2>&1; then for p in $pids; do ls -l "/proc/$p/fd" 2>/dev/null | sed -n "s/.*socket:\[\([0-9]*\)\].*/$p \1/p"; done; fi

            """);
        sb.Append(RemoteScript.Section("port_range")).Append("; cat /proc/sys/net/ipv4/ip_local_port_range\n");
        sb.Append(RemoteScript.Section("reserved_ports")).Append("; cat /proc/sys/net/ipv4/ip_local_reserved_ports\n");
        sb.Append(RemoteScript.Section("log")).Append("; echo \"$log\"\n");
        sb.Append(RemoteScript.Section("bind_errors")).Append("""
            ; if [ -r "$log" ]; then
              since=$(date -d "@$(( $(date +%s) - window ))" '+%Y-%m-%d %H:%M:%S' 2>/dev/null || echo 0000-00-00)
              echo "since $since"
              grep -a -F 'Bind Error!' "$log" 2>/dev/null | awk -v c="$since" '
                { ts = ""; if (match($0, /[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]/)) ts = substr($0, RSTART, RLENGTH) }
                ts != "" && ts >= c { if (index($0, "RTCP Bind Error!") > 0) rtcp++; else { rtp++; last = $0 } }
                END { printf "rtp %d\nrtcp %d\n", rtp, rtcp; if (last != "") print "last " last }'
            else echo unreadable; fi

            """);
        return sb.ToString();
    }

    /// <summary>Round trip 2: the API, through fs_cli, reading the fs_cli config (with the password) from stdin.</summary>
    public static string Api(string fsCliPath, string? captureHostToResolve, Esl.ApiClient client)
    {
        var sb = new StringBuilder();
        sb.Append(RemoteScript.Section("version")).Append("; fsapi version\n");
        sb.Append(RemoteScript.Section("sofia_status")).Append("; fsapi 'sofia status' > \"$fsdir/status\"; cat \"$fsdir/status\"\n");
        sb.Append("""
            for p in $(awk -F'\t' 'NF >= 4 { n = $1; t = $2; gsub(/^ +| +$/, "", n); gsub(/^ +| +$/, "", t); if (t == "profile") print n }' "$fsdir/status"); do

            """);
        sb.Append("  ").Append(RemoteScript.Section("profile")).Append("; echo \"$p\"\n");
        sb.Append("  fsapi \"sofia status profile $p\"\ndone\n");
        sb.Append(RemoteScript.Section("calls")).Append("; fsapi 'show calls count'\n");
        foreach (var v in new[] { "local_ip_v4", "local_ip_v6", "hostname" })
        {
            sb.Append(RemoteScript.Section("var " + v)).Append("; fsapi ").Append(RemoteScript.Quote("global_getvar " + v)).Append('\n');
        }

        if (captureHostToResolve is not null)
        {
            sb.Append(RemoteScript.Section("resolve")).Append("; getent ahosts ").Append(RemoteScript.Quote(captureHostToResolve))
                .Append(" 2>/dev/null | awk '{print $1}' | sort -u\n");
        }

        return Esl.FsCli.Script(sb.ToString(), fsCliPath, client);
    }

    /// <summary>The fast probe the toggle polls with: process, UDP sockets and the two port sysctls.</summary>
    public static string Sockets(string socketTable)
    {
        var sb = new StringBuilder();
        sb.Append("sockmode=").Append(RemoteScript.Quote(socketTable)).Append('\n');
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
