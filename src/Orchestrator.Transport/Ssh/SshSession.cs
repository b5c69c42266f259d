using Renci.SshNet;

namespace Orchestrator.Transport.Ssh;

/// <summary>An authenticated connection to a host, and the jump-host connections and forwards it runs through.</summary>
internal sealed class SshSession : IDisposable
{
    private readonly IReadOnlyList<(SshClient Client, ForwardedPortLocal? Forward)> _chain;
    private readonly IReadOnlyList<IDisposable> _owned;
    private int _disposed;

    /// <param name="chain">Jump hosts first, the target last; each jump host forwards to the next.</param>
    /// <param name="owned">Authentication methods and other objects to dispose with the session.</param>
    public SshSession(IReadOnlyList<(SshClient Client, ForwardedPortLocal? Forward)> chain, IReadOnlyList<IDisposable> owned)
    {
        _chain = chain;
        _owned = owned;
    }

    public SshClient Client => _chain[^1].Client;

    public bool IsConnected => Volatile.Read(ref _disposed) == 0 && _chain.All(c => c.Client.IsConnected);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        for (var i = _chain.Count - 1; i >= 0; i--)
        {
            var (client, forward) = _chain[i];
            try
            {
                forward?.Stop();
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception ex) when (SshFailures.IsConnectionLoss(ex) || ex is InvalidOperationException or Renci.SshNet.Common.SshException)
            {
                // Already gone; nothing to close.
            }
            finally
            {
                forward?.Dispose();
                client.Dispose();
            }
        }

        foreach (var item in _owned)
        {
            item.Dispose();
        }
    }
}
