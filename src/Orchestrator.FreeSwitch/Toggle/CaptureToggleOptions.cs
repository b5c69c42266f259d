using Polly;

namespace Orchestrator.FreeSwitch.Toggle;

/// <summary>
/// How <c>capture_toggle</c> retries: each attempt sends capture off then on, waits for the sockets to change
/// (the change is asynchronous, facts §3) and re-checks placement; attempts repeat with a backoff until every
/// capture port is clear, the attempts run out, or the overall timeout passes. Validated once when a toggler is built.
/// </summary>
public sealed class CaptureToggleOptions
{
    /// <summary>Attempts in all (the first one included). Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay before the second attempt; grows with <see cref="BackoffType"/>. Default 500 ms.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(500);

    public DelayBackoffType BackoffType { get; set; } = DelayBackoffType.Exponential;

    /// <summary>Upper bound of one delay. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The whole toggle, attempts and delays included. Default 2 min.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the socket table is read while waiting for capture sockets to close or open. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one off or on may take to show in the socket table. Default 10 s.</summary>
    public TimeSpan SocketWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Profiles to toggle one by one (<c>sofia profile P capture off|on</c>); empty: <c>sofia global capture off|on</c>.</summary>
    public IList<string> Profiles { get; } = [];

    /// <summary>Treat RTCP as in use (true) or not (false) whatever the profiles say; null: from the profiles' rtcp settings.</summary>
    public bool? Rtcp { get; set; }

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "attempts must be at least 1");
        }

        if (Delay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Delay), Delay, "delays must not be negative");
        }

        if (Timeout <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero || SocketWaitTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "timeout, poll interval and socket wait must be positive");
        }

        if (Timeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "timeout must be at most one day");
        }
    }
}
