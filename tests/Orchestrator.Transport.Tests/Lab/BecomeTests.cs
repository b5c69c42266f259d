using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.Lab;

public sealed class BecomeLab() : TransportLab("become", 1);

/// <summary>sudo with and without a password, to root and to another user, against the lab's real sudo.</summary>
[Trait("Category", "Lab")]
public sealed class BecomeTests : IClassFixture<BecomeLab>
{
    private readonly BecomeLab _lab;

    public BecomeTests(BecomeLab lab) => _lab = lab;

    [Fact]
    public async Task RunAsync_BecomeWithoutPassword_RunsAsRoot()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        var result = await connection.RunAsync(new RemoteCommand("id -un; echo $HOME") { Become = true }, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("root\n/root\n", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_CommandReadingStdinWithNoneGiven_GetsEndOfFileInsteadOfHanging()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        foreach (var become in new[] { false, true })
        {
            var result = await connection.RunAsync(
                new RemoteCommand("read x; echo \"rc=$? x=[$x]\"; cat; echo end") { Become = become, Timeout = TimeSpan.FromSeconds(20) },
                CancellationToken.None);

            Assert.Equal((0, "rc=1 x=[]\nend\n"), (result.ExitCode, result.Stdout));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_StdinReply_AnswersWhatTheCommandPrintedBeforeItsPrompt(bool sudoPassword)
    {
        var variables = sudoPassword ? _lab.Variables(0, user: _lab.Lab.PasswordUser) : _lab.Variables(0);
        if (sudoPassword)
        {
            variables["ansible_become_password"] = _lab.Lab.SudoPassword;
        }

        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);
        string? seen = null;
        var reply = new StdinReply("@@ask@@", (soFar, _) =>
        {
            seen = soFar;
            return Task.FromResult(new Secret($"answer to {soFar.Trim().Split('\n')[^1]}\n"));
        });

        var result = await connection.RunAsync(
            new RemoteCommand("read first; echo \"first=$first\"; id -un; printf '\\n@@ask@@\\n'; read second; echo \"second=$second\"")
            {
                Become = true,
                Stdin = new Secret("given up front\n"),
                Reply = reply,
                Timeout = TimeSpan.FromSeconds(20),
            },
            CancellationToken.None);

        Assert.Equal("first=given up front\nroot\n", seen);
        Assert.Equal((0, "first=given up front\nroot\n\n@@ask@@\nsecond=answer to root\n"), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task RunAsync_StdinReplyThatFails_TerminatesTheWaitingCommandAndSaysWhy()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);
        var reply = new StdinReply("@@ask@@", (_, _) => throw new FormatException("cannot parse what the host sent"));

        // The command would wait for its answer until the timeout (SSH.NET sends no end-of-file without data); the
        // 60 s guard only turns a hang into a failure, the command's own timeout is 10 minutes.
        var run = connection.RunAsync(
            new RemoteCommand("printf '\\n@@ask@@\\n'; read answer; touch /tmp/reply-answered") { Become = true, Reply = reply, Timeout = TimeSpan.FromMinutes(10) },
            CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("cannot parse what the host sent", error.Message, StringComparison.Ordinal);
        Assert.Contains("terminated", error.Message, StringComparison.Ordinal);
        Assert.Equal("absent\n", await _lab.InHostAsync(0, "sleep 1; [ -e /tmp/reply-answered ] && echo present || echo absent"));
    }

    [Fact]
    public async Task RunAsync_BecomeUserFromInventory_RunsAsThatUser()
    {
        var variables = _lab.Variables(0);
        variables["ansible_become_user"] = "nobody";
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);

        var viaInventory = await connection.RunAsync(new RemoteCommand("id -un") { Become = true }, CancellationToken.None);
        var viaCommand = await connection.RunAsync(new RemoteCommand("id -un") { Become = true, BecomeUser = _lab.Lab.PasswordUser }, CancellationToken.None);

        Assert.Equal("nobody", viaInventory.Stdout.Trim());
        Assert.Equal(_lab.Lab.PasswordUser, viaCommand.Stdout.Trim());
    }

    [Fact]
    public async Task RunAsync_BecomeWithPassword_RunsAsRootAndTheCommandGetsOnlyItsOwnInput()
    {
        var password = _lab.Lab.SudoPassword;
        var variables = _lab.Variables(0, user: _lab.Lab.PasswordUser);
        variables["ansible_become_password"] = password;
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);

        var result = await connection.RunAsync(
            new RemoteCommand("id -un; cat") { Become = true, Stdin = new Secret("line one\nline two\n") },
            CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("root\nline one\nline two\n", result.Stdout);
        Assert.DoesNotContain(password.Reveal(), result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[orchestrator sudo", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WrongBecomePassword_FailsClearlyInsteadOfHanging()
    {
        var variables = _lab.Variables(0, user: _lab.Lab.PasswordUser);
        const string wrong = "definitely-not-the-sudo-password";
        variables["ansible_become_password"] = wrong;
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var result = await connection.RunAsync(new RemoteCommand("touch /tmp/become-marker") { Become = true }, guard.Token);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("sudo rejected the become password", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal("absent", (await _lab.InHostAsync(0, "test -e /tmp/become-marker && echo present || echo absent")).Trim());
    }

    [Fact]
    public async Task RunAsync_BecomeNeedsAPasswordThatIsNotSet_FailsWithAHint()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0, user: _lab.Lab.PasswordUser), CancellationToken.None);

        var result = await connection.RunAsync(new RemoteCommand("id -un") { Become = true }, CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("set ansible_become_password", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BecomePasswordWhileCommandRuns_NeverInAnyProcessArguments()
    {
        var password = _lab.Lab.SudoPassword;
        var variables = _lab.Variables(0, user: _lab.Lab.PasswordUser);
        variables["ansible_become_password"] = password;
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", variables, CancellationToken.None);

        var running = connection.RunAsync(new RemoteCommand("sleep 3") { Become = true }, CancellationToken.None);
        await Task.Delay(1500);
        // The host shares the machine's process table: every argv on the machine, ours included.
        var argv = await _lab.InHostAsync(0, "ps -eo args");
        var result = await running;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sleep 3", argv, StringComparison.Ordinal);
        Assert.DoesNotContain(password.Reveal(), argv, StringComparison.Ordinal);
    }
}
