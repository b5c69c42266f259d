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

    /// <summary>The process's start time in clock ticks after boot (field 22 of /proc/PID/stat), or null when it is gone.</summary>
    public static ulong? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 && ulong.TryParse(fields[19], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
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
