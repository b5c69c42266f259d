namespace Orchestrator.Inventory.Parsing;

/// <summary>Ansible's BaseInventoryPlugin._expand_hostpattern: an optional port, then ranges.</summary>
internal static class HostPatternExpander
{
    /// <exception cref="HostRangeException">A range in the pattern is malformed.</exception>
    public static List<string> Expand(string hostPattern, out int? port)
    {
        var pattern = hostPattern;
        port = null;
        if (HostAddress.TryParse(hostPattern, allowRanges: true, out var host, out var parsedPort))
        {
            pattern = host;
            port = parsedPort;
        }

        return HostRange.HasRange(pattern) ? HostRange.Expand(pattern) : [pattern];
    }
}
