using System.Net;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>resolve</c>: the addresses the capture server's host name resolves to on this host (the peer its capture sockets
/// connect to), when the controller sent a name to resolve (<c>$fsresolve</c>).
/// </summary>
internal sealed class ResolveSection : ApiSection<IReadOnlyList<IPAddress>>
{
    public override string Name => "resolve";

    protected override string Bash => "getent ahosts \"$fsresolve\" 2>/dev/null | awk '{print $1}' | sort -u";

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
