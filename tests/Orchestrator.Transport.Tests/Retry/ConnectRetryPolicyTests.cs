using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Retry;
using Orchestrator.Transport.Ssh;
using Orchestrator.Transport.Tests.Support;
using Polly;

namespace Orchestrator.Transport.Tests.Retry;

public sealed class ConnectRetryPolicyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerFactory _log = new();

    [Fact]
    public async Task ExecuteAsync_TransientFailuresThenSuccess_RetriesWithExponentialBackoff()
    {
        var policy = Policy(new ConnectRetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), UseJitter = false });
        var attempts = new List<DateTimeOffset>();

        var result = await Drive(policy.ExecuteAsync("web1", _ =>
        {
            attempts.Add(_time.GetUtcNow());
            return attempts.Count < 4 ? throw Refused() : Task.FromResult("connected");
        }, CancellationToken.None));

        Assert.Equal("connected", result);
        Assert.Equal([1, 2, 4], Gaps(attempts));
        Assert.Equal(3, _log.Lines.Count(l => l.Message.Contains("connect attempt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ExecuteAsync_Jitter_SpreadsDelaysButNeverBeyondMaxDelay()
    {
        var values = new Queue<double>([0.9, 0.1, 0.99, 0.5, 0.0, 0.7, 0.3, 0.95, 0.2, 0.6]);
        var policy = Policy(new ConnectRetryOptions { MaxAttempts = 6, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), Randomizer = () => values.Count > 0 ? values.Dequeue() : 0.5 });
        var attempts = new List<DateTimeOffset>();

        await Assert.ThrowsAsync<HostUnreachableException>(() => Drive(policy.ExecuteAsync<string>("web1", _ =>
        {
            attempts.Add(_time.GetUtcNow());
            throw Refused();
        }, CancellationToken.None)));

        var gaps = Gaps(attempts);
        Assert.Equal(5, gaps.Count);
        Assert.All(gaps, g => Assert.InRange(g, 0, 3));
        Assert.True(gaps.Distinct().Count() > 1, "jittered delays differ");
    }

    [Fact]
    public async Task ExecuteAsync_AlwaysRefused_StopsAtMaxAttemptsAsUnreachable()
    {
        var policy = Policy(new ConnectRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(100), UseJitter = false });
        var count = 0;

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => Drive(policy.ExecuteAsync<string>("web1", _ =>
        {
            count++;
            throw new SshConnectFailure("root@10.0.0.5:22", Refused());
        }, CancellationToken.None)));

        Assert.Equal(3, count);
        Assert.Equal(UnreachableReason.Network, error.Reason);
        Assert.Equal("web1", error.HostName);
        // The elapsed time is fake time, which Drive advances in steps while the pipeline's continuations run on
        // the thread pool: under load it overshoots, so only its shape and its lower bound are fixed.
        var match = System.Text.RegularExpressions.Regex.Match(
            error.Message,
            @"^web1: cannot connect to root@10\.0\.0\.5:22: connection refused \(is sshd running and listening on that port\?\) \(3 attempts in (\d+\.\d) s\)$");
        Assert.True(match.Success, error.Message);
        Assert.True(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 0.3, error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_HangingAttempts_StopAtMaxTotalTime()
    {
        var policy = Policy(new ConnectRetryOptions { MaxAttempts = 50, BaseDelay = TimeSpan.FromSeconds(1), MaxTotalTime = TimeSpan.FromSeconds(10), UseJitter = false });
        var count = 0;

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => Drive(policy.ExecuteAsync<string>("web1", async ct =>
        {
            count++;
            if (count == 1)
            {
                throw new SshConnectFailure("root@10.0.0.5:22", new SocketException((int)SocketError.TimedOut));
            }

            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        }, CancellationToken.None)));

        Assert.Equal(2, count);
        Assert.Equal(UnreachableReason.Timeout, error.Reason);
        // Two attempts, not fifty: the overall timeout stopped the retries. Drive keeps advancing fake time in 50 ms steps
        // until the timeout's continuation has run, which on a busy machine can take many steps, so the elapsed time in
        // the message is at least 10 s but has no meaningful upper bound here.
        var match = System.Text.RegularExpressions.Regex.Match(error.Message, @"gave up after (\d+\.\d) s \(2 attempts\); last error: connection timed out");
        Assert.True(match.Success, error.Message);
        Assert.True(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 10.0, error.Message);
    }

    [Theory]
    [InlineData(UnreachableReason.Authentication)]
    [InlineData(UnreachableReason.HostKey)]
    public async Task ExecuteAsync_AuthenticationOrHostKeyFailure_NeverRetried(UnreachableReason reason)
    {
        var policy = Policy(new ConnectRetryOptions { MaxAttempts = 5 });
        var count = 0;

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => Drive(policy.ExecuteAsync<string>("web1", _ =>
        {
            count++;
            throw new HostUnreachableException("web1", reason, "no");
        }, CancellationToken.None)));

        Assert.Equal(1, count);
        Assert.Equal(reason, error.Reason);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused)]
    [InlineData(SocketError.TimedOut)]
    [InlineData(SocketError.ConnectionReset)]
    [InlineData(SocketError.HostNotFound)]
    [InlineData(SocketError.TryAgain)]
    [InlineData(SocketError.HostUnreachable)]
    public async Task ExecuteAsync_TransientSocketErrors_AreRetried(SocketError socketError)
    {
        var policy = Policy(new ConnectRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10), UseJitter = false });
        var count = 0;

        await Drive(policy.ExecuteAsync("web1", _ => ++count == 1 ? throw new SshConnectFailure("x", new SocketException((int)socketError)) : Task.FromResult(0), CancellationToken.None));

        Assert.Equal(2, count);
    }

    [Fact]
    public async Task ExecuteAsync_ProgrammingError_PropagatesUnchanged()
    {
        var policy = Policy(new ConnectRetryOptions());

        await Assert.ThrowsAsync<InvalidOperationException>(() => Drive(policy.ExecuteAsync<int>("web1", _ => throw new InvalidOperationException("bug"), CancellationToken.None)));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledByCaller_IsCancellationNotUnreachable()
    {
        var policy = Policy(new ConnectRetryOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromSeconds(5), UseJitter = false });
        using var cancel = new CancellationTokenSource();

        var task = policy.ExecuteAsync<int>("web1", _ => throw Refused(), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public void AddConnectRetry_InvalidOptions_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResiliencePipelineBuilder().AddConnectRetry(new ConnectRetryOptions { MaxAttempts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResiliencePipelineBuilder().AddConnectRetry(new ConnectRetryOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1) }));
    }

    private ConnectRetryPolicy Policy(ConnectRetryOptions options) => new(options, _time, _log.CreateLogger("test"));

    private static SocketException Refused() => new((int)SocketError.ConnectionRefused);

    /// <summary>Advances fake time in small steps until the operation completes.</summary>
    private async Task<T> Drive<T>(Task<T> task)
    {
        for (var i = 0; i < 100_000 && !task.IsCompleted; i++)
        {
            await Task.Yield();
            _time.Advance(TimeSpan.FromMilliseconds(50));
        }

        return await task;
    }

    private static List<double> Gaps(List<DateTimeOffset> attempts) =>
        attempts.Zip(attempts.Skip(1), (a, b) => Math.Round((b - a).TotalSeconds, 1)).ToList();
}
