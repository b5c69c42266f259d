using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Core.Secrets;
using Orchestrator.Transport.Retry;

namespace Orchestrator.Transport;

/// <summary>Settings of a <see cref="HostConnector"/> that are not per-host inventory variables.</summary>
public sealed class TransportOptions
{
    /// <summary>The OpenSSH client configuration to read; null reads <c>~/.ssh/config</c> when it exists.</summary>
    public string? SshConfigPath { get; set; }

    /// <summary>Overrides every other host-key setting (the CLI's <c>--host-key-checking</c>).</summary>
    public HostKeyChecking? HostKeyCheckingOverride { get; set; }

    /// <summary>Time allowed for one connection attempt: TCP connect, key exchange and authentication.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default per-command timeout; null means none. <see cref="Core.Transport.RemoteCommand.Timeout"/> overrides it.</summary>
    public TimeSpan? CommandTimeout { get; set; }

    /// <summary>Keep-alive interval on idle connections (ssh_config ServerAliveInterval wins when set).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many hosts the caller works on at once (its forks, at most its host count). The connector keeps enough
    /// thread-pool threads for that many SSH connections; 0 leaves the thread pool alone.
    /// </summary>
    public int ConcurrentConnections { get; set; }

    /// <summary>Retries of transient connect failures.</summary>
    public ConnectRetryOptions Retry { get; set; } = new();

    /// <summary>Where passphrases of encrypted keys come from; default: the environment variable only.</summary>
    public IPassphraseProvider PassphraseProvider { get; set; } = new EnvironmentPassphraseProvider();

    /// <summary>Every password or passphrase the transport handles is added here, so output paths can redact it.</summary>
    public SecretRedactor Redactor { get; set; } = new();

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Home directory for <c>~</c>, ~/.ssh/config, default keys and known_hosts; null uses $HOME.</summary>
    public string? HomeDirectory { get; set; }

    /// <summary>The local user name (default remote user, <c>%u</c>); null uses the current user.</summary>
    public string? LocalUserName { get; set; }

    /// <summary>
    /// Most bytes of stdout, and of stderr, kept in memory per command (default 16 MiB): a hostile host cannot make the
    /// controller buffer without end. Past it the output is still read (the remote never blocks) and dropped, and a
    /// marker line <c>[... N bytes truncated by orchestrator]</c> ends the kept part. A download past it fails.
    /// </summary>
    public long MaxOutputBytes { get; set; } = 16L * 1024 * 1024;

    internal void Validate()
    {
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "must be positive");
        }

        if (CommandTimeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), t, "must be positive");
        }

        if (KeepAliveInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(KeepAliveInterval), KeepAliveInterval, "must not be negative");
        }

        if (MaxOutputBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputBytes), MaxOutputBytes, "must be positive");
        }

        if (ConcurrentConnections < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ConcurrentConnections), ConcurrentConnections, "must not be negative");
        }

        ArgumentNullException.ThrowIfNull(Retry);
        Retry.Validate();
    }
}
