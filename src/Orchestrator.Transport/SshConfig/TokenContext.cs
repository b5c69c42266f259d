namespace Orchestrator.Transport.SshConfig;

/// <summary>Values for OpenSSH's <c>%</c> tokens in IdentityFile, UserKnownHostsFile and HostName.</summary>
internal sealed record TokenContext(string OriginalHost, string HostName, int Port, string RemoteUser, string LocalUser, string HomeDirectory);
