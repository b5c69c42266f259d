namespace Orchestrator.Transport.KnownHosts;

/// <param name="Trusted">Whether the connection may go on.</param>
/// <param name="Failure">Why not: names the host, the presented fingerprint, and the known_hosts file and line.</param>
internal sealed record HostKeyVerdict(bool Trusted, string? Failure);
