using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Transport.KnownHosts;
using Orchestrator.Transport.SshConfig;

namespace Orchestrator.Transport.Settings;

internal enum ConnectionKind
{
    Ssh,
    Local,
}

/// <param name="Explicit">Named by the user (a missing file is worth a warning) rather than a default ~/.ssh/id_* file.</param>
internal sealed record IdentityFile(string Path, bool Explicit, SourceLocation? Location);

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

/// <param name="Flags">sudo flags (ansible_become_flags), default <c>-H -S -n</c>; <c>-n</c> is dropped when a password is set.</param>
internal sealed record BecomeSettings(bool Enabled, string User, Secret? Password, string Executable, IReadOnlyList<string> Flags)
{
    public static BecomeSettings Default { get; } = new(false, "root", null, "sudo", ["-H", "-S", "-n"]);
}

/// <summary>How to reach one inventory host, resolved from its variables, ssh args, ssh_config and CLI options.</summary>
internal sealed record HostConnectionSettings(
    string InventoryName,
    ConnectionKind Kind,
    SshEndpoint? Target,
    IReadOnlyList<SshEndpoint> Jumps,
    BecomeSettings Become,
    TimeSpan ConnectTimeout,
    TimeSpan KeepAliveInterval);
