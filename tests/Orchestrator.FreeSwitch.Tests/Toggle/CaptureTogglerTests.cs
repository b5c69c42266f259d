using System.Net;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Secrets;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Facts.Sections;
using Orchestrator.FreeSwitch.Placement;
using Orchestrator.FreeSwitch.Toggle;
using Polly;

namespace Orchestrator.FreeSwitch.Tests.Toggle;

public sealed class CaptureTogglerTests
{
    private static readonly IPAddress HostIp = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Homer = IPAddress.Parse("10.0.0.1");

    private static UdpSocket Capture(int port) => new("ESTAB", HostIp, port, Homer, 9060, 4242);

    private static FreeSwitchHostFacts Facts(int[] capturePorts, string ephemeral = "20000-20199", string reserved = "", Dictionary<string, string>? unreadable = null) => new()
    {
        UnreadableSections = unreadable ?? new Dictionary<string, string>(StringComparer.Ordinal),
        Host = "fs1",
        ConfDir = "/etc/freeswitch",
        Pid = 4242,
        Pids = [4242],
        Config = new EffectiveSettings
        {
            ConfDir = "/etc/freeswitch",
            RtpStartPort = 20000,
            RtpEndPort = 20099,
            RtpStartPortIsDefault = false,
            RtpEndPortIsDefault = false,
            Robustness = false,
            CaptureServerValue = "udp:10.0.0.1:9060",
            CaptureServer = new global::FreeSwitch.Config.Model.CaptureServer("udp:10.0.0.1:9060", "10.0.0.1", 9060, 3, 200),
            Profiles =
            [
                new EffectiveProfile("internal", "10.0.0.5", ["10.0.0.5"], 5060, true, "yes", false, null),
                new EffectiveProfile("external", "10.0.0.5", ["10.0.0.5"], 5080, true, "yes", false, null),
            ],
            EslListenIp = "::",
            EslListenPort = 8021,
            EslPassword = new Secret("ClueCon"),
        },
        SofiaStatus =
        [
            new SofiaStatusRow("internal", "profile", "sip:mod_sofia@10.0.0.5:5060", "RUNNING (0)"),
            new SofiaStatusRow("external", "profile", "sip:mod_sofia@10.0.0.5:5080", "RUNNING (0)"),
        ],
        Sockets = [.. capturePorts.Select(Capture), new UdpSocket("UNCONN", HostIp, 5060, null, null, 4242)],
        EphemeralRange = PortSet.Parse(ephemeral).Ranges[0],
        ReservedPorts = PortSet.Parse(reserved),
    };

    [Fact]
    public void Decide_AllPortsClear_NothingToDo()
    {
        var decision = new CaptureToggler(new CaptureToggleOptions(), TimeProvider.System).Decide(Facts([20150, 20161]));
        Assert.Equal(ToggleDecisionKind.Clear, decision.Kind);
        Assert.Contains("10.0.0.5:20150", decision.Message);
    }

    [Fact]
    public void Decide_EvenPortInRange_ToggleNamingThePort()
    {
        var decision = new CaptureToggler(new CaptureToggleOptions(), TimeProvider.System).Decide(Facts([20042, 20161]));
        Assert.Equal(ToggleDecisionKind.Toggle, decision.Kind);
        Assert.Contains("would toggle capture off/on because 10.0.0.5:20042 collides with RTP", decision.Message);
    }

    [Fact]
    public void Decide_SocketOwnersUnreadable_NoCollisionSeen_ImpossibleNotClear()
    {
        var facts = Facts([], unreadable: new Dictionary<string, string>(StringComparer.Ordinal) { [FactsSections.SocketFds.Name] = "Permission denied: /proc/4242/fd" });

        var decision = new CaptureToggler(new CaptureToggleOptions(), TimeProvider.System).Decide(facts);

        Assert.Equal(ToggleDecisionKind.Impossible, decision.Kind);
        Assert.Contains("cannot tell whether a capture port collides", decision.Message, StringComparison.Ordinal);
        Assert.Contains("Permission denied", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_EphemeralRangeInsideRtpRange_ImpossibleWithReason()
    {
        var decision = new CaptureToggler(new CaptureToggleOptions(), TimeProvider.System).Decide(Facts([20042], ephemeral: "20000-20099"));
        Assert.Equal(ToggleDecisionKind.Impossible, decision.Kind);
        Assert.Contains("toggling cannot succeed", decision.Message);
        Assert.Contains("widen net.ipv4.ip_local_port_range", decision.Message);
    }

    [Fact]
    public async Task Toggle_ClearOnThirdAttempt_ReportsThreeAttemptsAndBacksOff()
    {
        var time = new FakeTimeProvider();
        var host = new FakeCaptureHost(time, [20042, 20161], [[20044, 20150], [20010, 20163], [20151, 20163]]);
        var options = new CaptureToggleOptions { Delay = TimeSpan.FromSeconds(1), BackoffType = DelayBackoffType.Exponential, MaxDelay = TimeSpan.FromSeconds(30) };
        var toggler = new CaptureToggler(options, time);

        var outcome = await Drive(time, () => toggler.ToggleAsync(Facts([20042, 20161]), host, CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal([20042, 20161], outcome.InitialPorts);
        Assert.Equal([20151, 20163], outcome.FinalPorts);
        Assert.Contains("after 3 attempt(s)", outcome.Message);
        Assert.Equal(
            ["sofia global capture off", "sofia global capture on", "sofia global capture off", "sofia global capture on", "sofia global capture off", "sofia global capture on"],
            host.Commands.Select(c => c.Command));

        // Exponential backoff: 1 s before the second attempt, 2 s before the third (plus the polling in between).
        var offs = host.Commands.Where(c => c.Command.EndsWith("off", StringComparison.Ordinal)).Select(c => c.At).ToList();
        Assert.InRange(offs[1] - offs[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.8));
        Assert.InRange(offs[2] - offs[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.8));
    }

    [Fact]
    public async Task Toggle_NeverClears_StopsAfterMaxAttempts()
    {
        var time = new FakeTimeProvider();
        var host = new FakeCaptureHost(time, [20042, 20161], Enumerable.Repeat(new[] { 20042, 20161 }, 10).ToArray());
        var toggler = new CaptureToggler(new CaptureToggleOptions { MaxAttempts = 4, Delay = TimeSpan.FromMilliseconds(100) }, time);

        var outcome = await Drive(time, () => toggler.ToggleAsync(Facts([20042, 20161]), host, CancellationToken.None));

        Assert.False(outcome.Succeeded);
        Assert.Equal(4, outcome.Attempts);
        Assert.Equal(8, host.Commands.Count);
        Assert.True(outcome.Message.Contains("still collide after 4 attempt(s)", StringComparison.Ordinal), outcome.Message);
        Assert.Contains("20042", outcome.Message);
    }

    [Fact]
    public async Task Toggle_OverallTimeout_StopsAndSaysSo()
    {
        var time = new FakeTimeProvider();
        var host = new FakeCaptureHost(time, [20042, 20161], Enumerable.Repeat(new[] { 20042, 20161 }, 1000).ToArray());
        var options = new CaptureToggleOptions
        {
            MaxAttempts = 1000,
            Delay = TimeSpan.FromSeconds(2),
            BackoffType = DelayBackoffType.Constant,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var toggler = new CaptureToggler(options, time);

        var outcome = await Drive(time, () => toggler.ToggleAsync(Facts([20042, 20161]), host, CancellationToken.None));

        Assert.False(outcome.Succeeded);
        Assert.Contains("still not clear after 10s", outcome.Message);
        Assert.InRange(outcome.Attempts, 2, 6);
    }

    [Fact]
    public async Task Toggle_SocketsNeverReopen_RetriesThenReportsTheWait()
    {
        var time = new FakeTimeProvider();
        var host = new FakeCaptureHost(time, [20042], [[20150]]) { ReopenAfterPolls = int.MaxValue };
        var options = new CaptureToggleOptions { MaxAttempts = 2, Delay = TimeSpan.FromMilliseconds(100), SocketWaitTimeout = TimeSpan.FromSeconds(3) };
        var toggler = new CaptureToggler(options, time);

        var outcome = await Drive(time, () => toggler.ToggleAsync(Facts([20042]), host, CancellationToken.None));

        Assert.False(outcome.Succeeded);
        Assert.Equal(2, outcome.Attempts);
        Assert.Contains("waiting for 2 capture socket(s) to open", outcome.Message);
    }

    [Fact]
    public async Task Toggle_ApiRefuses_FailsFastWithoutRetrying()
    {
        var time = new FakeTimeProvider();
        var host = new FakeCaptureHost(time, [20042, 20161], [[20150, 20161]]) { Reply = "-ERR sofia Command not found!" };
        var toggler = new CaptureToggler(new CaptureToggleOptions(), time);

        var outcome = await Drive(time, () => toggler.ToggleAsync(Facts([20042]), host, CancellationToken.None));

        Assert.False(outcome.Succeeded);
        Assert.Equal(1, outcome.Attempts);
        Assert.Single(host.Commands);
        Assert.Contains("was refused: -ERR sofia Command not found!", outcome.Message);
    }

    [Fact]
    public async Task Toggle_PerProfile_UsesProfileCommands()
    {
        var time = new FakeTimeProvider();
        var host = new FakeCaptureHost(time, [20042], [[20150]]);
        var options = new CaptureToggleOptions();
        options.Profiles.Add("internal");
        var toggler = new CaptureToggler(options, time);

        var outcome = await Drive(time, () => toggler.ToggleAsync(Facts([20042]), host, CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(["sofia profile internal capture off", "sofia profile internal capture on"], host.Commands.Select(c => c.Command));
    }

    [Fact]
    public void Options_Invalid_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CaptureToggler(new CaptureToggleOptions { MaxAttempts = 0 }, TimeProvider.System));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CaptureToggler(new CaptureToggleOptions { Timeout = TimeSpan.Zero }, TimeProvider.System));
    }

    /// <summary>Advances fake time in small steps until the task completes (bounded, so a hang fails the test).</summary>
    private static async Task<T> Drive<T>(FakeTimeProvider time, Func<Task<T>> run)
    {
        // Outside xunit's synchronization context, so continuations run when the fake timers fire.
        var task = Task.Run(run);
        for (var i = 0; i < 20_000 && !task.IsCompleted; i++)
        {
            await WaitIdle(task);
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.True(task.IsCompleted, "the toggle did not finish");
        return await task;
    }

    /// <summary>Lets the code under test run until it waits on a fake timer (or finishes).</summary>
    private static async Task WaitIdle(Task task)
    {
        for (var spin = 0; spin < 3 && !task.IsCompleted; spin++)
        {
            await Task.Delay(1);
        }
    }

    /// <summary>
    /// A host whose capture sockets close one poll after "off" and reopen <see cref="ReopenAfterPolls"/> polls after "on",
    /// each time on the next port set of the script (the last set repeats).
    /// </summary>
    private sealed class FakeCaptureHost(FakeTimeProvider time, int[] initial, int[][] script) : ICaptureHost
    {
        private int[] _ports = initial;
        private int _next;
        private int _pollsSinceOn = -1;

        public List<(string Command, DateTimeOffset At)> Commands { get; } = [];

        public int ReopenAfterPolls { get; init; } = 2;

        public string Reply { get; init; } = "+OK";

        public Task<FsCliReply> ApiAsync(string command, CancellationToken cancellationToken)
        {
            Commands.Add((command, time.GetUtcNow()));
            if (command.EndsWith("off", StringComparison.Ordinal))
            {
                _ports = [];
                _pollsSinceOn = -1;
            }
            else
            {
                _pollsSinceOn = 0;
            }

            return Task.FromResult(new FsCliReply(command, Reply, 0));
        }

        public Task<SocketFacts> ReadSocketsAsync(CancellationToken cancellationToken)
        {
            if (_pollsSinceOn >= 0 && ++_pollsSinceOn > ReopenAfterPolls)
            {
                _ports = script[Math.Min(_next++, script.Length - 1)];
                _pollsSinceOn = -1;
            }

            var sockets = _ports.Select(p => Capture(p)).Append(new UdpSocket("UNCONN", HostIp, 5060, null, null, 4242)).ToList();
            return Task.FromResult(new SocketFacts(4242, [4242], "ss", sockets, new PortRange(20000, 20199), PortSet.Empty, []));
        }
    }
}
