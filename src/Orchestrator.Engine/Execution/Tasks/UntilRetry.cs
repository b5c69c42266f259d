using Polly;
using Polly.Retry;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary><c>until</c>/<c>retries</c>/<c>delay</c>: repeats an attempt (Polly, on the run's clock) until its until condition holds.</summary>
internal static class UntilRetry
{
    public static async Task<ItemResult> RunAsync(Func<CancellationToken, ValueTask<ItemResult>> attempt, int retries, int delaySeconds, TimeProvider time, CancellationToken cancellationToken)
    {
        var pipeline = new ResiliencePipelineBuilder<ItemResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ItemResult>
            {
                MaxRetryAttempts = retries,
                Delay = TimeSpan.FromSeconds(delaySeconds),
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = a => ValueTask.FromResult(a.Outcome.Result is { UntilSatisfied: false }),
            })
            .Build();
        return await pipeline.ExecuteAsync(attempt, cancellationToken);
    }
}
