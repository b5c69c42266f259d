using Orchestrator.Transport.Ssh;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Orchestrator.Transport.Retry;

public static class ConnectRetryPipelineBuilderExtensions
{
    /// <summary>
    /// Adds a total-time bound and a retry of transient connect failures to a pipeline. Time comes from
    /// the builder's <see cref="ResiliencePipelineBuilderBase.TimeProvider"/>.
    /// </summary>
    public static ResiliencePipelineBuilder AddConnectRetry(this ResiliencePipelineBuilder builder, ConnectRetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var retry = new RetryStrategyOptions
        {
            Name = "connect-retry",
            MaxRetryAttempts = Math.Max(1, options.MaxAttempts - 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(options.MaxAttempts > 1 && args.Outcome.Exception is { } e && SshFailures.IsTransient(SshFailures.Unwrap(e))),
        };
        if (options.Randomizer is { } randomizer)
        {
            retry.Randomizer = randomizer;
        }

        return builder
            .AddTimeout(new TimeoutStrategyOptions { Name = "connect-total-time", Timeout = options.MaxTotalTime })
            .AddRetry(retry);
    }
}
