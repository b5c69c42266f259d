namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>conf_tar</c>: every file under 1 MiB in the conf dir, as a gzipped tar in base64. The tar is POSIX (pax) so it
/// carries each file's modification time to the nanosecond: no second find for them. A tree read in part is not the
/// tree FreeSWITCH reads (a file left out can hold the very param a check looks at), so any error of find or tar (a
/// file or directory we may not read), a missing tool, a conf dir we cannot enter or a missing freeswitch.xml makes the
/// section unreadable, with find's or tar's own words; stderr goes to a variable, stdout (the tar) straight through.
/// </summary>
internal sealed class ConfTarSection : FactsSection<string>
{
    public override string Name => "conf_tar";

    protected override string Bash => """
        if [ ! -d "$conf" ]; then fsunread "file missing: the conf dir $conf (or a directory above it may not be searched)"
        elif ! cd "$conf" 2>/dev/null; then fsunread "permission denied: cannot enter the conf dir $conf"
        elif [ ! -e freeswitch.xml ]; then fsunread "file missing: $conf/freeswitch.xml"; cd /
        elif [ ! -r freeswitch.xml ]; then fsunread "permission denied: $conf/freeswitch.xml"; cd /
        else
          fstools=''; for t in find tar gzip base64; do command -v "$t" >/dev/null 2>&1 || fstools="$fstools $t"; done
          if [ -n "$fstools" ]; then fsunread "missing tool:$fstools (not found in PATH=$PATH)"
          else
            { fse=$( { find -L . -type f -size -1024k -print0 | tar --format=posix --null -czhf - -T - | { base64 -w0 2>/dev/null || base64 | tr -d '\n'; }; } 2>&1 >&3 3>&-); } 3>&1
            echo
            [ -z "$fse" ] || fsunread "$fse"
          fi
          cd /
        fi
        """;

    /// <summary>The base64 text.</summary>
    public override SectionResult<string> Parse(string text)
    {
        var base64 = text.Trim();
        return base64.Length == 0 ? SectionResult<string>.Unreadable("the conf dir's archive was empty") : SectionResult<string>.Read(base64);
    }
}
