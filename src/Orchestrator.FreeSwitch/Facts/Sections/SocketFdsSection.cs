namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>fds</c>: lines <c>PID INODE</c>, the socket inodes each freeswitch process holds, when the table came from /proc
/// (empty when it came from ss, which names the owners itself). bash: one <c>ls</c> per process, matched with builtins.
/// Either way the fds of each process must be readable: without them (FreeSWITCH runs as root, we do not) neither the
/// /proc way nor <c>ss -p</c> can tell FreeSWITCH's sockets from the rest, and "no capture socket" would be a guess.
/// </summary>
internal sealed class SocketFdsSection : FactsSection<IReadOnlyDictionary<long, int>>
{
    /// <summary>What the unreadable reason says to do about it.</summary>
    public const string Hint = "run with --become (sudo) or as FreeSWITCH's user";

    /// <summary>Every process's fd directory must be readable; says which one is not, and why.</summary>
    private const string Readable =
        "for p in $pids; do [ -r \"/proc/$p/fd\" ] && [ -x \"/proc/$p/fd\" ] || { [ -e \"/proc/$p\" ] && fsunread \"Permission denied: /proc/$p/fd of freeswitch (pid $p) cannot be read, so its sockets cannot be told apart; " + Hint + "\"; }; done";

    public override string Name => "fds";

    protected override string Bash =>
        Readable + "; if [ \"$sockmode\" != ss ] || ! command -v ss >/dev/null 2>&1; then for p in $pids; do lines=(); mapfile -t lines < <(ls -l \"/proc/$p/fd\" 2>/dev/null); for x in \"${lines[@]}\"; do [[ $x =~ socket:\\[([0-9]+)\\] ]] && echo \"$p ${BASH_REMATCH[1]}\"; done; done; fi";

    protected override string Posix =>
        Readable + "; if [ \"$sockmode\" = proc ] || ! command -v ss >/dev/null 2>&1; then for p in $pids; do ls -l \"/proc/$p/fd\" 2>/dev/null | sed -n \"s/.*socket:\\[\\([0-9]*\\)\\].*/$p \\1/p\"; done; fi";

    /// <summary>inode → pid.</summary>
    public override SectionResult<IReadOnlyDictionary<long, int>> Parse(string text) =>
        SectionResult<IReadOnlyDictionary<long, int>>.Read(SocketTableParser.ParseInodes(text));
}
