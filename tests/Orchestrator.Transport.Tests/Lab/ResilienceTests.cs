using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.AdHoc;
using Orchestrator.Transport.Retry;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.Lab;

public sealed class ResilienceLab() : TransportLab("retry", 3);

/// <summary>Dead and flapping sshd, timeouts, cancellation and concurrency on one connection.</summary>
[Trait("Category", "Lab")]
public sealed class ResilienceTests : IClassFixture<ResilienceLab>
{
    private readonly ResilienceLab _lab;

    public ResilienceTests(ResilienceLab lab) => _lab = lab;

    [Fact]
    public async Task RunAsync_SshdKilledMidRun_ThatHostUnreachableAndTheOthersFinish()
    {
        using var connector = _lab.Connector();
        var runner = new AdHocRunner(connector, TimeProvider.System, new SecretRedactor());
        var hosts = Enumerable.Range(0, 3).Select(i => KeyValuePair.Create(_lab.Host(i).Name, (IReadOnlyDictionary<string, object?>)_lab.Variables(i))).ToList();
        try
        {
            // Long enough that the command is still running when the link drops on a loaded machine.
            var run = runner.RunAsync(hosts, new AdHocRequest("sleep 8; echo finished") { Forks = 3 }, null, CancellationToken.None);
            await WaitForSshSessionAsync(1, TimeSpan.FromSeconds(6));
            await Task.Delay(500);
            await _lab.Lab.StopSshdAsync(_lab.Host(1).Name, CancellationToken.None);
            await _lab.KillSshSessionsAsync(1);
            var results = await run;

            Assert.Equal([AdHocStatus.Changed, AdHocStatus.Unreachable, AdHocStatus.Changed], results.Select(r => r.Status));
            Assert.Equal("finished\n", results[0].Stdout);
            Assert.Equal("finished\n", results[2].Stdout);
            Assert.Contains("connection was lost while a command was running", results[1].Message, StringComparison.Ordinal);
        }
        finally
        {
            await _lab.Lab.StartSshdAsync(_lab.Host(1).Name, null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task RunAsync_SshdStoppedBetweenCommands_ReconnectFailsAsUnreachableWithTheReason()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs2", _lab.Variables(1), CancellationToken.None);
        Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
        try
        {
            await _lab.Lab.StopSshdAsync(_lab.Host(1).Name, CancellationToken.None);
            await _lab.KillSshSessionsAsync(1);
            await Task.Delay(300);

            var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connection.RunAsync(new RemoteCommand("true"), CancellationToken.None));

            Assert.Equal(UnreachableReason.Network, error.Reason);
            Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
            Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await _lab.Lab.StartSshdAsync(_lab.Host(1).Name, null, CancellationToken.None);
        }

        // The same connection object recovers once sshd is back.
        Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
    }

    [Fact]
    public async Task ConnectAsync_SshdStartsInsideTheRetryWindow_Succeeds()
    {
        var log = new CapturingLoggerFactory();
        using var connector = _lab.Connector(log, o => o.Retry = new ConnectRetryOptions
        {
            MaxAttempts = 20,
            BaseDelay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(1),
            MaxTotalTime = TimeSpan.FromSeconds(40),
        });
        await _lab.Lab.StopSshdAsync(_lab.Host(2).Name, CancellationToken.None);
        try
        {
            var connecting = connector.ConnectAsync("fs3", _lab.Variables(2), CancellationToken.None);
            await Task.Delay(1500);
            Assert.False(connecting.IsCompleted, "the connection must still be retrying while sshd is down");
            await _lab.Lab.StartSshdAsync(_lab.Host(2).Name, null, CancellationToken.None);

            await using var connection = await connecting;
            Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
            Assert.Contains(log.Lines, l => l.Message.Contains("connect attempt 2 after: connection refused", StringComparison.Ordinal));
        }
        finally
        {
            await _lab.Lab.StartSshdAsync(_lab.Host(2).Name, null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task ConnectAsync_SshdDown_UnreachableAfterBoundedAttempts()
    {
        var variables = _lab.Variables(0);
        variables["ansible_port"] = 2200L;
        using var connector = _lab.Connector(configure: o => o.Retry = new ConnectRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connector.ConnectAsync("fs1", variables, CancellationToken.None));

        Assert.Equal(UnreachableReason.Network, error.Reason);
        Assert.Equal("fs1", error.HostName);
        Assert.Contains($"cannot connect to {_lab.Lab.LoginUser}@{_lab.Address(0)}:2200: connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("(3 attempts in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CommandTimeout_KillsTheRemoteProcessGroup()
    {
        using var connector = _lab.Connector(configure: o => o.CommandTimeout = TimeSpan.FromSeconds(30));
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        var result = await connection.RunAsync(new RemoteCommand("sleep 4242.25 & sleep 4242.5; echo never") { Timeout = TimeSpan.FromSeconds(1) }, CancellationToken.None);

        Assert.Equal(124, result.ExitCode);
        Assert.Contains("timed out after 1 s", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(string.Empty, await WaitForNoProcessAsync("sleep 4242"));
    }

    [Fact]
    public async Task RunAsync_BecomeCommandTimeout_KillsTheRootProcessesToo()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        var result = await connection.RunAsync(new RemoteCommand("sleep 4343.5") { Become = true, Timeout = TimeSpan.FromSeconds(1) }, CancellationToken.None);

        Assert.Equal(124, result.ExitCode);
        Assert.Equal(string.Empty, await WaitForNoProcessAsync("sleep 4343"));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsAndTerminatesTheRemoteCommand()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.RunAsync(new RemoteCommand("sleep 4444.5"), cancel.Token));

        Assert.Equal(string.Empty, await WaitForNoProcessAsync("sleep 4444"));
        // The connection is still usable afterwards.
        Assert.Equal(0, (await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None)).ExitCode);
    }

    [Fact]
    public async Task RunAsync_ConcurrentCommandsOnOneConnection_RunAtTheSameTime()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);
        await connection.RunAsync(new RemoteCommand("rm -rf /tmp/barrier && mkdir /tmp/barrier"), CancellationToken.None);

        // Each command waits until all eight have started: this only finishes if they run concurrently.
        var commands = Enumerable.Range(0, 8).Select(i => connection.RunAsync(
            new RemoteCommand($"touch /tmp/barrier/{i}; n=0; while [ $(ls /tmp/barrier | wc -l) -lt 8 ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n+1)); done; ls /tmp/barrier | wc -l"),
            CancellationToken.None));
        var results = await Task.WhenAll(commands);

        Assert.All(results, r => Assert.Equal("8", r.Stdout.Trim()));
        var sessions = (await _lab.InHostAsync(0, "ss -Htn state established '( sport = :22 )' | wc -l")).Trim();
        Assert.Equal("1", sessions);
    }

    private async Task<string> WaitForNoProcessAsync(string pattern)
    {
        var left = "?";
        for (var i = 0; i < 50 && left.Length > 0; i++)
        {
            await Task.Delay(100);
            // The bracket keeps pgrep from matching its own command line.
            left = (await _lab.InHostAsync(0, $"pgrep -af '[{pattern[0]}]{pattern[1..]}' || true")).Trim();
        }

        return left;
    }

    private async Task WaitForSshSessionAsync(int index, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (string.IsNullOrWhiteSpace(await _lab.InHostAsync(index, "ss -Htn state established '( sport = :22 )'")))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no SSH session reached host {index} within {timeout}");
            await Task.Delay(100);
        }
    }
}
