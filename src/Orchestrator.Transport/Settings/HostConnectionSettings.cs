namespace Orchestrator.Transport.Settings;

/// <summary>How to reach one inventory host, resolved from its variables, ssh args, ssh_config and CLI options.</summary>
internal sealed record HostConnectionSettings(
    string InventoryName,
    ConnectionKind Kind,
    SshEndpoint? Target,
    IReadOnlyList<SshEndpoint> Jumps,
    BecomeSettings Become,
    TimeSpan ConnectTimeout,
    TimeSpan KeepAliveInterval);
