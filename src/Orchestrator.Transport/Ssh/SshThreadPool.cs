namespace Orchestrator.Transport.Ssh;

/// <summary>
/// SSH.NET connects, authenticates and opens channels with blocking waits on thread-pool threads. Past its minimum
/// the pool adds threads slowly (about two a second), so many hosts at once would stall every handshake: keep the
/// minimum above what the connections opened at once can hold.
/// </summary>
internal static class SshThreadPool
{
    private static readonly Lock Gate = new();

    /// <summary>Raises (never lowers) the pool's minimum worker threads for this many connections opened at once.</summary>
    public static void EnsureFor(int concurrentConnections)
    {
        if (concurrentConnections < 1)
        {
            return;
        }

        lock (Gate)
        {
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, (concurrentConnections * 2) + 4), io);
        }
    }
}
