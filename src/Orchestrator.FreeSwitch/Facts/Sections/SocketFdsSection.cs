namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>fds</c>: lines <c>PID INODE</c>, the socket inodes each freeswitch process holds, when the table came from /proc
/// (empty when it came from ss, which names the owners itself). bash: one <c>ls</c> per process, matched with builtins.
/// </summary>
internal sealed class SocketFdsSection : FactsSection<IReadOnlyDictionary<long, int>>
{
    public override string Name => "fds";

    protected override string Bash =>
        "if [ \"$sockmode\" != ss ] || ! command -v ss >/dev/null 2>&1; then for p in $pids; do lines=(); mapfile -t lines < <(ls -l \"/proc/$p/fd\" 2>/dev/null); for x in \"${lines[@]}\"; do [[ $x =~ socket:\\[([0-9]+)\\] ]] && echo \"$p ${BASH_REMATCH[1]}\"; done; done; fi";

    protected override string Posix =>
        "if [ \"$sockmode\" = proc ] || ! command -v ss >/dev/null 2>&1; then for p in $pids; do ls -l \"/proc/$p/fd\" 2>/dev/null | sed -n \"s/.*socket:\\[\\([0-9]*\\)\\].*/$p \\1/p\"; done; fi";

    /// <summary>inode → pid.</summary>
    public override SectionResult<IReadOnlyDictionary<long, int>> Parse(string text) =>
        SectionResult<IReadOnlyDictionary<long, int>>.Read(SocketTableParser.ParseInodes(text));
}
