namespace Orchestrator.Lab.Linux;

internal static class Procfs
{
    /// <summary>The process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Waits until none of the PIDs is alive, or the timeout passes; returns those still alive.</summary>
    public static async Task<List<int>> WaitForExitAsync(IEnumerable<int> pids, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var alive = pids.Where(IsAlive).ToList();
        while (alive.Count > 0 && time.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
            alive = alive.Where(IsAlive).ToList();
        }

        return alive;
    }
}
