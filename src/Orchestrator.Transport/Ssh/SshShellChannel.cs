using Microsoft.Extensions.Logging;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Shell;

namespace Orchestrator.Transport.Ssh;

/// <summary>
/// Exec channels on one SSH connection, reused for every command of a run. When the connection has
/// broken, the next command reconnects (with the retry policy) before it starts; a command that was
/// running when the connection broke is reported, never silently run twice.
/// </summary>
internal sealed class SshShellChannel : IShellChannel
{
    private readonly string _hostName;
    private readonly Func<CancellationToken, Task<SshSession>> _connect;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reconnectGate = new(1, 1);
    private SshSession _session;
    private bool _disposed;

    public SshShellChannel(string hostName, SshSession session, Func<CancellationToken, Task<SshSession>> connect, ILogger logger)
    {
        _hostName = hostName;
        _session = session;
        _connect = connect;
        _logger = logger;
    }

    public async Task<IShellProcess> StartAsync(string script, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var attempt = 0; ; attempt++)
        {
            var session = await SessionAsync(cancellationToken);
            try
            {
                // Opening a channel waits for the server's answer synchronously inside SSH.NET.
                return await Task.Run(() => SshShellProcess.Start(session.Client, script, _hostName), cancellationToken);
            }
            catch (Exception ex) when (SshFailures.IsConnectionLoss(ex) && attempt == 0)
            {
                // The command never started, so it is safe to reconnect and start it once more.
                _logger.LogInformation("{Host}: connection lost ({Error}); reconnecting.", _hostName, SshFailures.Describe(ex));
                session.Dispose();
            }
            catch (Exception ex) when (SshFailures.IsConnectionLoss(ex))
            {
                throw new HostUnreachableException(_hostName, UnreachableReason.Network, $"{_hostName}: cannot open a channel: {SshFailures.Describe(ex)}", ex);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
            _reconnectGate.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<SshSession> SessionAsync(CancellationToken cancellationToken)
    {
        var current = _session;
        if (current.IsConnected)
        {
            return current;
        }

        await _reconnectGate.WaitAsync(cancellationToken);
        try
        {
            if (_session.IsConnected)
            {
                return _session;
            }

            _session.Dispose();
            _logger.LogInformation("{Host}: the SSH connection is closed; reconnecting.", _hostName);
            _session = await _connect(cancellationToken);
            return _session;
        }
        finally
        {
            _reconnectGate.Release();
        }
    }
}
