using System.Globalization;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Orchestrator.FreeSwitch.Toggle;

/// <summary>
/// Moves capture sockets out of the RTP range by toggling capture off then on (facts §2: only off-then-on gets a new
/// kernel-chosen port), polling the socket table because the change is asynchronous (§3), re-checking placement (§12)
/// and retrying through a Polly pipeline (overall timeout outside, retry with backoff inside).
/// </summary>
internal sealed class CaptureToggler
{
    private readonly CaptureToggleOptions _options;
    private readonly TimeProvider _time;

    public CaptureToggler(CaptureToggleOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _time = timeProvider;
    }

    /// <summary>Decides from the facts alone whether a toggle is needed and possible. Changes nothing.</summary>
    public ToggleDecision Decide(FreeSwitchHostFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Config is null)
        {
            throw new InvalidOperationException($"the FreeSWITCH configuration of {facts.Host} could not be read: {facts.ConfigError}");
        }

        var input = facts.PlacementInput(_options.Rtcp);
        var report = CapturePlacement.Check(input);
        var colliding = report.Colliding;
        if (colliding.Count == 0 && report.Verdict == HostVerdict.Unknown)
        {
            return new ToggleDecision(ToggleDecisionKind.Impossible, $"cannot tell whether a capture port collides: {report.Reason}", report);
        }

        if (colliding.Count == 0)
        {
            var ports = string.Join(", ", report.Sockets.Select(s => s.Socket.Local));
            return new ToggleDecision(
                ToggleDecisionKind.Clear,
                report.Sockets.Count == 0 ? "no capture socket is open: nothing to move" : $"every capture port is clear ({ports}): nothing to toggle",
                report);
        }

        var why = string.Join("; ", colliding.Select(c => c.Reason));
        if (!facts.Running)
        {
            return new ToggleDecision(ToggleDecisionKind.Impossible, "FreeSWITCH is not running", report);
        }

        if (facts.Config.CaptureServer is null)
        {
            return new ToggleDecision(
                ToggleDecisionKind.Impossible,
                $"capture sockets collide ({why}) but capture-server is {(facts.Config.CaptureServerValue is null ? "not set" : $"invalid ({facts.Config.CaptureServerError})")}: capture on would open nothing",
                report);
        }

        if (facts.EslError is not null)
        {
            return new ToggleDecision(ToggleDecisionKind.Impossible, $"capture sockets collide ({why}) but the event socket cannot be used: {facts.EslError}", report);
        }

        if (CapturePlacement.ToggleCannotSucceed(input, out var impossible))
        {
            return new ToggleDecision(ToggleDecisionKind.Impossible, $"toggling cannot succeed on {facts.Host}: {impossible}", report);
        }

        return new ToggleDecision(ToggleDecisionKind.Toggle, $"would toggle capture off/on because {why}", report);
    }

    /// <summary>Runs the toggle. Call only after <see cref="Decide"/> said <see cref="ToggleDecisionKind.Toggle"/>.</summary>
    public async Task<ToggleOutcome> ToggleAsync(FreeSwitchHostFacts facts, ICaptureHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(host);
        var initial = facts.CaptureSockets.Select(s => s.LocalPort).ToList();
        var expectedOpen = ExpectedOpen(facts, initial.Count);
        var attempts = 0;
        ToggleAttempt? last = null;
        var pipeline = BuildPipeline();
        try
        {
            last = await pipeline.ExecuteAsync(
                async ct =>
                {
                    var number = Interlocked.Increment(ref attempts);
                    var attempt = await AttemptAsync(number, facts, host, initial.Count, expectedOpen, ct);
                    last = attempt;
                    return attempt;
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new ToggleOutcome(
                false,
                attempts,
                initial,
                last?.Ports ?? [],
                last?.Report,
                $"capture ports still not clear after {Seconds(_options.Timeout)} ({attempts} attempt(s)){LastPorts(last)}");
        }
        catch (ToggleFailedException ex)
        {
            return new ToggleOutcome(false, attempts, initial, last?.Ports ?? [], last?.Report, $"{ex.Message} (attempt {attempts})");
        }
        catch (SocketWaitException ex)
        {
            return new ToggleOutcome(false, attempts, initial, last?.Ports ?? [], last?.Report, $"{ex.Message} after {attempts} attempt(s)");
        }

        if (last.Clear)
        {
            return new ToggleOutcome(
                true,
                attempts,
                initial,
                last.Ports,
                last.Report,
                $"capture ports clear after {attempts} attempt(s): {Join(initial)} -> {Join(last.Ports)}");
        }

        return new ToggleOutcome(
            false,
            attempts,
            initial,
            last.Ports,
            last.Report,
            $"capture ports still collide after {attempts} attempt(s): {string.Join("; ", last.Report.Colliding.Select(c => c.Reason))}");
    }

    private ResiliencePipeline<ToggleAttempt> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<ToggleAttempt> { TimeProvider = _time }
            .AddTimeout(_options.Timeout);
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<ToggleAttempt>
            {
                MaxRetryAttempts = _options.MaxAttempts - 1,
                Delay = _options.Delay,
                MaxDelay = _options.MaxDelay,
                BackoffType = _options.BackoffType,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder<ToggleAttempt>()
                    .HandleResult(a => !a.Clear)
                    .Handle<SocketWaitException>(),
            });
        }

        return builder.Build();
    }

    private async Task<ToggleAttempt> AttemptAsync(int number, FreeSwitchHostFacts facts, ICaptureHost host, int before, int expectedOpen, CancellationToken ct)
    {
        var (off, on) = Commands();
        foreach (var command in off)
        {
            await ApiAsync(host, command, ct);
        }

        var closedTarget = _options.Profiles.Count == 0 ? 0 : Math.Max(0, before - _options.Profiles.Count);
        await WaitForCountAsync(host, facts, n => n <= closedTarget, $"capture sockets to close (at most {closedTarget} left)", ct);
        foreach (var command in on)
        {
            await ApiAsync(host, command, ct);
        }

        var sockets = await WaitForCountAsync(host, facts, n => n >= expectedOpen, $"{expectedOpen} capture socket(s) to open", ct);
        var input = facts.PlacementInput(_options.Rtcp) with
        {
            CaptureSockets = sockets.Sockets.Where(facts.IsCaptureSocket).ToList(),
            EphemeralRange = sockets.EphemeralRange ?? facts.EphemeralRange,
            ReservedPorts = sockets.ReservedPorts,
        };
        var report = CapturePlacement.Check(input);
        return new ToggleAttempt(number, input.CaptureSockets.Select(s => s.LocalPort).ToList(), report);
    }

    private (List<string> Off, List<string> On) Commands() =>
        _options.Profiles.Count == 0
            ? (["sofia global capture off"], ["sofia global capture on"])
            : (_options.Profiles.Select(p => $"sofia profile {p} capture off").ToList(), _options.Profiles.Select(p => $"sofia profile {p} capture on").ToList());

    private static async Task ApiAsync(ICaptureHost host, string command, CancellationToken ct)
    {
        var reply = await host.ApiAsync(command, ct);
        if (reply.Failed)
        {
            throw new ToggleFailedException(
                reply.ClientFailed
                    ? $"fs_cli -x '{command}' failed (exit {reply.ExitCode}): {reply.Body.Trim()}"
                    : $"'{command}' was refused: {reply.Body.Trim()}");
        }
    }

    private async Task<SocketFacts> WaitForCountAsync(
        ICaptureHost host, FreeSwitchHostFacts facts, Func<int, bool> done, string what, CancellationToken ct)
    {
        var start = _time.GetTimestamp();
        while (true)
        {
            var sockets = await host.ReadSocketsAsync(ct);
            if (sockets.Pid is null)
            {
                throw new ToggleFailedException("FreeSWITCH stopped running during the toggle");
            }

            if (sockets.SocketsUnreadable is { } unreadable)
            {
                throw new ToggleFailedException($"the capture sockets cannot be read: {unreadable}");
            }

            var count = sockets.Sockets.Count(facts.IsCaptureSocket);
            if (done(count))
            {
                return sockets;
            }

            if (_time.GetElapsedTime(start) >= _options.SocketWaitTimeout)
            {
                throw new SocketWaitException($"timed out after {Seconds(_options.SocketWaitTimeout)} waiting for {what} (found {count})");
            }

            await Task.Delay(_options.PollInterval, _time, ct);
        }
    }

    /// <summary>How many capture sockets should exist after "on": one per running profile for the global command (facts §3).</summary>
    private int ExpectedOpen(FreeSwitchHostFacts facts, int before)
    {
        if (_options.Profiles.Count > 0)
        {
            return before;
        }

        var running = facts.SofiaStatus.Count(r => r.IsRunning);
        return running > 0 ? running : Math.Max(1, before);
    }

    private static string Join(IEnumerable<int> ports)
    {
        var list = ports.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList();
        return list.Count == 0 ? "(none)" : string.Join(",", list);
    }

    private static string LastPorts(ToggleAttempt? last) => last is null ? string.Empty : $"; last ports {Join(last.Ports)}";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
