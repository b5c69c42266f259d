namespace Orchestrator.Lab.Linux;

/// <summary>
/// A machine-wide lock (an flock on /run/orchestrator-lab/lock) that serialises subnet allocation and
/// namespace creation between labs that come up at the same time.
/// </summary>
internal sealed class GlobalLock : IDisposable
{
    public const string Directory = "/run/orchestrator-lab";

    private readonly FileStream _stream;

    private GlobalLock(FileStream stream)
    {
        _stream = stream;
    }

    public static async Task<GlobalLock> AcquireAsync(TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, "lock");
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Linux; another process holding it makes this throw.
                return new GlobalLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (time.GetElapsedTime(started) < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new LabException($"another lab held {path} for more than {timeout.TotalSeconds:0} s", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
