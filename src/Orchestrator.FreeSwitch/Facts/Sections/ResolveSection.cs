using System.Net;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>resolve</c>: the addresses the capture server's host name resolves to on this host (the peer its capture sockets
/// connect to), when the controller sent a name to resolve (<c>$fsresolve</c>). Without getent the peers are not
/// known, and neither are the capture sockets: unreadable (the API part runs in its own shell, so the marker is printed
/// here rather than through the prelude's function). A name that resolves to nothing is read, and empty.
/// </summary>
internal sealed class ResolveSection : ApiSection<IReadOnlyList<IPAddress>>
{
    public override string Name => "resolve";

    protected override string Bash =>
        "if command -v getent >/dev/null 2>&1; then getent ahosts \"$fsresolve\" 2>/dev/null | awk '{print $1}' | sort -u; "
        + "else printf '\\n%s%s\\n' '" + SectionText.UnreadableMarker + "' \"missing tool: getent (not found in PATH=$PATH)\"; fi";

    public override string Script(bool bash) => "if [ -n \"$fsresolve\" ]; then " + RemoteScript.Section(Name) + "; " + Bash + "; fi\n";

    protected override SectionResult<IReadOnlyList<IPAddress>> Parse(string reply, int? exitCode)
    {
        var resolved = new List<IPAddress>();
        foreach (var line in reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Addresses.TryParse(line, out var a))
            {
                resolved.Add(a);
            }
        }

        return SectionResult<IReadOnlyList<IPAddress>>.Read(resolved);
    }
}
