namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>sockets</c>: the tool's name on the first line, then the UDP table. POSIX: ss (auto, ss) with the owning
/// processes, or the /proc tables (proc). bash: the /proc tables through mapfile (auto, proc), or ss (ss); <c>ss -p</c>
/// reads the fds of every process on the machine to find the owners, the /proc way reads only freeswitch's
/// (<see cref="SocketFdsSection"/>). /proc/net/udp must be there and readable; udp6 is absent on a kernel without IPv6.
/// </summary>
internal sealed class SocketTableSection : FactsSection<SocketTableText>
{
    public override string Name => "sockets";

    protected override string Bash =>
        "if [ \"$sockmode\" = ss ] && command -v ss >/dev/null 2>&1; then echo ss; fsrun ss -uanp; else echo proc; for t in /proc/net/udp /proc/net/udp6; do lines=(); if ! { mapfile -t lines < \"$t\"; } 2>/dev/null; then [ \"$t\" = /proc/net/udp6 ] && [ ! -e \"$t\" ] || fsunread \"cannot read $t\"; fi; ((${#lines[@]})) && printf '%s\\n' \"${lines[@]}\"; done; fi";

    protected override string Posix =>
        "if [ \"$sockmode\" != proc ] && command -v ss >/dev/null 2>&1; then echo ss; fsrun ss -uanp; else echo proc; fsrun cat /proc/net/udp; [ ! -e /proc/net/udp6 ] || fsrun cat /proc/net/udp6; fi";

    public override SectionResult<SocketTableText> Parse(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var tool = (newline < 0 ? text : text[..newline]).Trim();
        return tool is "ss" or "proc"
            ? SectionResult<SocketTableText>.Read(new SocketTableText(tool == "ss", newline < 0 ? string.Empty : text[(newline + 1)..]))
            : SectionResult<SocketTableText>.Unreadable($"the socket table came without its source (ss or proc): '{tool}'");
    }
}
