namespace Orchestrator.Transport.Retry;

/// <summary>
/// Retries of transient connect failures (refused, timed out, reset, unreachable, name resolution):
/// exponential backoff with jitter, bounded both in attempts and in total time. Authentication and
/// host-key failures are never retried.
/// </summary>
public sealed class ConnectRetryOptions
{
    /// <summary>Attempts in all, the first one included. 1 disables retries.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Median delay before the first retry; it roughly doubles for each retry after that.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No single delay is longer than this.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts and delays together stop after this long.</summary>
    public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Spread retries out (decorrelated jitter), so a fleet does not retry in lockstep.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Source of randomness for the jitter, returning [0, 1); null uses Polly's. Tests fix it.</summary>
    public Func<double>? Randomizer { get; set; }

    internal void Validate()
    {
        if (MaxAttempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "must be between 1 and 100");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "delays must be non-negative and MaxDelay at least BaseDelay");
        }

        if (MaxTotalTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTotalTime), MaxTotalTime, "must be positive");
        }
    }
}
