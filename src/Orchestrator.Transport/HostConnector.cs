using Microsoft.Extensions.Logging;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.KnownHosts;
using Orchestrator.Transport.Local;
using Orchestrator.Transport.Retry;
using Orchestrator.Transport.Settings;
using Orchestrator.Transport.Shell;
using Orchestrator.Transport.Ssh;

namespace Orchestrator.Transport;

/// <summary>
/// Opens connections from inventory variables: SSH (SSH.NET, one connection per host, reused for every
/// command) or <c>ansible_connection: local</c>. One connector serves a whole run; it shares parsed
/// known_hosts and ssh_config files and decrypted keys between hosts.
/// </summary>
public sealed class HostConnector : IHostConnector, IDisposable
{
    private readonly TransportOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionSettingsResolver _resolver;
    private readonly PrivateKeyCache _keys;
    private readonly SshConnectionFactory _factory;
    private readonly ConnectRetryPolicy _retry;
    private int _warnedHostKeyOff;
    private int _warnedAcceptNewNowhere;
    private int _threadPoolReady;

    public HostConnector(TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Orchestrator.Transport");
        _resolver = new ConnectionSettingsResolver(options, _logger);
        _keys = new PrivateKeyCache(options.PassphraseProvider, options.Redactor, _logger);
        _factory = new SshConnectionFactory(new HostKeyVerifier(new KnownHostsStore(), _logger), _keys, options.TimeProvider, _logger);
        _retry = new ConnectRetryPolicy(options.Retry, options.TimeProvider, _logger);
    }

    /// <exception cref="HostUnreachableException">Network failure after retries, authentication failure or a host-key problem.</exception>
    /// <exception cref="Orchestrator.Core.Errors.UserInputException">The host's connection variables or the ssh config are invalid.</exception>
    public async Task<IHostConnection> ConnectAsync(string hostName, IReadOnlyDictionary<string, object?> hostVariables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        ArgumentNullException.ThrowIfNull(hostVariables);
        var settings = _resolver.Resolve(hostName, hostVariables);
        IShellChannel channel;
        if (settings.Kind == ConnectionKind.Local)
        {
            channel = new LocalShellChannel();
        }
        else
        {
            WarnIfHostKeyCheckingOff(settings);
            if (Interlocked.Exchange(ref _threadPoolReady, 1) == 0)
            {
                SshThreadPool.EnsureFor(_options.ConcurrentConnections);
            }

            var session = await ConnectWithRetryAsync(settings, cancellationToken);
            channel = new SshShellChannel(hostName, session, ct => ConnectWithRetryAsync(settings, ct), _logger);
        }

        return new ShellHostConnection(hostName, channel, settings.Become, _options.CommandTimeout, _options.MaxOutputBytes, _options.TimeProvider, _logger);
    }

    public void Dispose() => _keys.Dispose();

    private Task<SshSession> ConnectWithRetryAsync(HostConnectionSettings settings, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(settings.InventoryName, ct => _factory.ConnectAsync(settings, ct), cancellationToken);

    private void WarnIfHostKeyCheckingOff(HostConnectionSettings settings)
    {
        if ((settings.Target!.HostKeys.Mode == HostKeyChecking.Off || settings.Jumps.Any(j => j.HostKeys.Mode == HostKeyChecking.Off))
            && Interlocked.Exchange(ref _warnedHostKeyOff, 1) == 0)
        {
            _logger.LogWarning(
                "host key checking is OFF (first for {Host}): host identities are not verified and connections can be intercepted. Use it only on a lab network.",
                settings.InventoryName);
        }

        if (settings.Jumps.Append(settings.Target!).Any(RecordsNothing) && Interlocked.Exchange(ref _warnedAcceptNewNowhere, 1) == 0)
        {
            _logger.LogWarning(
                "host key checking is effectively OFF (first for {Host}): accept-new with UserKnownHostsFile /dev/null records nothing, so every new host key is accepted unverified on every run and connections can be intercepted. Use it only on a lab network.",
                settings.InventoryName);
        }
    }

    /// <summary>accept-new whose only user known_hosts file is /dev/null: every key is "new", every time.</summary>
    private static bool RecordsNothing(SshEndpoint endpoint) =>
        endpoint.HostKeys.Mode == HostKeyChecking.AcceptNew
        && endpoint.HostKeys.UserFiles.Count > 0
        && endpoint.HostKeys.UserFiles.All(f => string.Equals(Path.GetFullPath(f), "/dev/null", StringComparison.Ordinal));
}
