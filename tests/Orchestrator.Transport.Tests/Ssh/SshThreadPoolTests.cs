using System.Net;
using System.Net.Sockets;
using Orchestrator.Transport.Retry;
using Orchestrator.Transport.Ssh;

namespace Orchestrator.Transport.Tests.Ssh;

/// <summary>
/// The SSH.NET thread-pool workaround lives in the transport: the connector raises the pool's minimum for the
/// connections its caller opens at once. The pool is process-wide, so the tests only ever raise it, by numbers
/// far above what anything else in this process asks for.
/// </summary>
public sealed class SshThreadPoolTests
{
    [Fact]
    public void EnsureFor_RaisesTheMinimumToTwicePlusFour_AndNeverLowersIt()
    {
        SshThreadPool.EnsureFor(401);
        Assert.True(MinWorkers() >= 806, $"min worker threads {MinWorkers()}, expected at least 806");

        SshThreadPool.EnsureFor(1);
        SshThreadPool.EnsureFor(0);
        Assert.True(MinWorkers() >= 806, "a smaller request lowered the minimum");
    }

    [Fact]
    public async Task ConnectAsync_FirstSshConnect_EnsuresThreadsForTheConcurrentConnections()
    {
        // A loopback port nothing listens on: the connect is refused at once, after the connector has prepared the pool.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var connector = new HostConnector(new TransportOptions
        {
            ConcurrentConnections = 457,
            Retry = new ConnectRetryOptions { MaxAttempts = 1 },
            HomeDirectory = Path.GetTempPath(),
        });
        var variables = new Dictionary<string, object?> { ["ansible_host"] = "127.0.0.1", ["ansible_port"] = (long)port, ["ansible_user"] = "nobody" };

        await Assert.ThrowsAsync<Core.Transport.HostUnreachableException>(() => connector.ConnectAsync("closed", variables, CancellationToken.None));

        Assert.True(MinWorkers() >= 918, $"min worker threads {MinWorkers()}, expected at least 918");
    }

    [Fact]
    public void TransportOptions_NegativeConcurrentConnections_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HostConnector(new TransportOptions { ConcurrentConnections = -1 }));

    private static int MinWorkers()
    {
        ThreadPool.GetMinThreads(out var workers, out _);
        return workers;
    }
}
