namespace Orchestrator.Engine.Execution;

/// <summary><c>--forks</c>: how many hosts work at once. A task, a handler or fact gathering holds a slot per host.</summary>
internal sealed class ForkLimiter(int forks) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(forks);

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public Task RunAsync(Func<Task> work, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                await work();
                return true;
            },
            cancellationToken);

    public void Dispose() => _slots.Dispose();
}
