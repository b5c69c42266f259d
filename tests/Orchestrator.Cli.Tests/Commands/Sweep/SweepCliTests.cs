using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Sweep;

/// <summary>The real executable's answers to bad input: a message with file:line:column, exit 2, no stack trace.</summary>
public sealed class SweepCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Sweep_MalformedPolicy_PrintsFileLineColumnAndExits2()
    {
        var inventory = _dir.Write("inventory.yml", "all:\n  hosts:\n    fs1:\n      ansible_connection: local\n");
        var policy = _dir.Write("policy.yml", "policy: broken\ncontrols:\n  - id: A\n    title: t\n    impact: 0.5\n    check:\n      type: capture_ports_clear\n      colour: red\n");

        var result = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "sweep", "-i", inventory, "--policy", policy, "--db", _dir.Combine("h.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"ERROR: {policy}:8:7: unknown parameter 'colour' for check type capture_ports_clear, which takes none", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("h.db")), "a history was written for a policy that did not load");
    }

    [Fact]
    public async Task SweepHistory_NoDatabase_SaysSoAndExits2()
    {
        var result = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "sweep", "history", "--db", _dir.Combine("none.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no history database there yet; run `orchestrator sweep` first", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--report", "xml:out.xml", "unknown report 'xml'")]
    [InlineData("--schedule", "every minute", "--schedule 'every minute'")]
    [InlineData("--metrics-listen", "9464", "--metrics-listen '9464': expected HOST:PORT")]
    public async Task Sweep_BadOption_IsAClearError(string option, string value, string message)
    {
        var inventory = _dir.Write("inventory.yml", "all:\n  hosts:\n    fs1:\n      ansible_connection: local\n");
        var policy = _dir.Write("policy.yml", "policy: ok\ncontrols:\n  - { id: A, title: t, impact: 0.5, check: { type: capture_ports_clear } }\n");

        var result = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "sweep", "-i", inventory, "--policy", policy, "--db", _dir.Combine("h.db"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("h.db")), "the history database was created before the option was refused");
    }

    [Fact]
    public async Task Sweep_MetricsPortInUse_RefusedBeforeTheHistoryIsCreated()
    {
        var inventory = _dir.Write("inventory.yml", "all:\n  hosts:\n    fs1:\n      ansible_connection: local\n");
        var policy = _dir.Write("policy.yml", "policy: ok\ncontrols:\n  - { id: A, title: t, impact: 0.5, check: { type: capture_ports_clear } }\n");
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var result = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "sweep", "-i", inventory, "--policy", policy, "--db", _dir.Combine("h.db"), "--metrics-listen", $"127.0.0.1:{port}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--metrics-listen 127.0.0.1:{port}: cannot listen", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("h.db")), "the history database was created before the port was found in use");
    }
}
