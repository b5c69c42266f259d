using Orchestrator.Core.Secrets;
using Orchestrator.Transport.KnownHosts;
using Orchestrator.Transport.SshConfig;

namespace Orchestrator.Transport.Settings;

/// <summary>One SSH endpoint (target or jump host) with everything needed to connect and verify it.</summary>
/// <param name="DisplayName">How messages name it: the inventory name, or "bastion (jump host for web1)".</param>
/// <param name="HostKeyHost">The name looked up in known_hosts (HostKeyAlias, else the host).</param>
internal sealed record SshEndpoint(
    string DisplayName,
    string Host,
    int Port,
    string User,
    IReadOnlyList<IdentityFile> Identities,
    Secret? Password,
    bool UsePublicKey,
    bool UsePassword,
    HostKeyPolicy HostKeys,
    string HostKeyHost,
    ConfigValue<string>? KexAlgorithms = null)
{
    public string Address => $"{User}@{Host}:{Port}";
}
