using System.Runtime.CompilerServices;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Strategies;

/// <summary>
/// <c>throttle: N</c> (task or block; the innermost wins): at most N hosts run the task at once. A host waits for a
/// throttle slot before it takes a fork slot, so waiting never holds a fork, and throttle never raises parallelism
/// above <c>--forks</c>.
/// </summary>
internal static class TaskThrottle
{
    private static readonly ConditionalWeakTable<TaskDefinition, SemaphoreSlim> Slots = [];

    public static async Task<T> RunAsync<T>(TaskDefinition task, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var limit = task.Chain().Reverse().Select(n => n.Throttle).FirstOrDefault(t => t is not null);
        if (limit is not > 0)
        {
            return await work();
        }

        var slots = Slots.GetValue(task, _ => new SemaphoreSlim(limit.Value));
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            slots.Release();
        }
    }
}
