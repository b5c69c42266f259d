namespace Orchestrator.Transport.KnownHosts;

/// <param name="Trusted">Whether the connection may go on.</param>
/// <param name="Failure">Why not: names the host, the presented fingerprint, and the known_hosts file and line.</param>
/// <param name="Contradiction">
/// Trusted only because checking is off, although known_hosts records a different key for the host: says where.
/// Password authentication must then not be offered (as OpenSSH), since the server may be an impostor.
/// </param>
internal sealed record HostKeyVerdict(bool Trusted, string? Failure, string? Contradiction = null);
