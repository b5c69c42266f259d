namespace Orchestrator.Transport.SshConfig;

/// <summary>
/// The ssh_config options that applied to one host, first obtained value winning as in OpenSSH.
/// Paths still hold their <c>~</c> and <c>%</c> tokens: they are expanded once user and port are final.
/// </summary>
internal sealed class SshHostConfig
{
    public ConfigValue<string>? HostName { get; set; }

    public ConfigValue<string>? User { get; set; }

    public ConfigValue<int>? Port { get; set; }

    public List<ConfigValue<string>> IdentityFiles { get; } = [];

    public ConfigValue<IReadOnlyList<JumpHop>>? ProxyJump { get; set; }

    public ConfigValue<string>? ProxyCommand { get; set; }

    public ConfigValue<IReadOnlyList<string>>? UserKnownHostsFiles { get; set; }

    public ConfigValue<IReadOnlyList<string>>? GlobalKnownHostsFiles { get; set; }

    public ConfigValue<HostKeyChecking>? StrictHostKeyChecking { get; set; }

    public ConfigValue<bool>? HashKnownHosts { get; set; }

    public ConfigValue<string>? HostKeyAlias { get; set; }

    public ConfigValue<TimeSpan>? ConnectTimeout { get; set; }

    public ConfigValue<TimeSpan>? ServerAliveInterval { get; set; }

    public ConfigValue<bool>? PasswordAuthentication { get; set; }

    public ConfigValue<bool>? PubkeyAuthentication { get; set; }

    /// <summary>KexAlgorithms as written: a list, or <c>+list</c>, <c>-list</c>, <c>^list</c>.</summary>
    public ConfigValue<string>? KexAlgorithms { get; set; }

    public static SshHostConfig Empty => new();
}
