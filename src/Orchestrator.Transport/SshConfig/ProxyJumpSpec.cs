using Orchestrator.Core.Errors;

namespace Orchestrator.Transport.SshConfig;

internal static class ProxyJumpSpec
{
    /// <summary>Parses a comma-separated chain; <c>none</c> is an empty chain (jumping explicitly disabled).</summary>
    public static IReadOnlyList<JumpHop> Parse(string spec, SourceLocation? location)
    {
        if (string.Equals(spec, "none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var hops = new List<JumpHop>();
        foreach (var raw in spec.Split(','))
        {
            var part = raw.Trim();
            if (part.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
            {
                part = part["ssh://".Length..].TrimEnd('/');
            }

            string? user = null;
            var at = part.LastIndexOf('@');
            if (at >= 0)
            {
                user = part[..at];
                part = part[(at + 1)..];
            }

            string host;
            int? port = null;
            string? portText = null;
            if (part.StartsWith('['))
            {
                var close = part.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Bad(spec, location);
                }

                host = part[1..close];
                if (close + 1 < part.Length)
                {
                    if (part[close + 1] != ':')
                    {
                        throw Bad(spec, location);
                    }

                    portText = part[(close + 2)..];
                }
            }
            else
            {
                var colon = part.IndexOf(':', StringComparison.Ordinal);
                host = colon < 0 ? part : part[..colon];
                portText = colon < 0 ? null : part[(colon + 1)..];
            }

            if (portText is not null)
            {
                if (!int.TryParse(portText, out var p) || p is < 1 or > 65535)
                {
                    throw Bad(spec, location);
                }

                port = p;
            }

            if (host.Length == 0 || host.Any(char.IsWhiteSpace) || user is { Length: 0 })
            {
                throw Bad(spec, location);
            }

            hops.Add(new JumpHop(user, host, port));
        }

        return hops;
    }

    private static UserInputException Bad(string spec, SourceLocation? location) =>
        new($"bad ProxyJump '{spec}'; expected [user@]host[:port] hops separated by commas, or 'none'.", location);
}
