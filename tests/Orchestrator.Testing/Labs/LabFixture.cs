using Orchestrator.Lab;

namespace Orchestrator.Testing.Labs;

/// <summary>
/// One lab per test class (an xunit class or collection fixture): brought up once, after taking down what a crashed run
/// left, and taken down after the last test even when tests fail. Without root every test of the class fails with
/// <see cref="TestRequirements.RootMessage"/>. Tests that change a host put it back in a finally block.
/// </summary>
public abstract class LabFixture : IAsyncLifetime
{
    private readonly string _purpose;
    private readonly int _hosts;
    private readonly Action<LabOptions>? _configure;
    private readonly TempDirectory _home = new("orchestrator-lab-home-");
    private LabFleet? _lab;

    /// <param name="purpose">A short name, unique among the suite's labs; <see cref="TestLabs.Name"/> adds the checkout tag.</param>
    protected LabFixture(string purpose, int hosts, Action<LabOptions>? configure = null)
    {
        _purpose = purpose;
        _hosts = hosts;
        _configure = configure;
    }

    public LabFleet Lab => _lab ?? throw new InvalidOperationException("the lab did not come up");

    /// <summary>An empty home directory for SSH clients the tests run, so the machine's own ~/.ssh never takes part.</summary>
    public string Home => _home.Path;

    public virtual async Task InitializeAsync() => _lab = await TestLabs.UpAsync(_purpose, _hosts, _configure);

    public virtual async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        _home.Dispose();
    }

    public LabHost Host(int index) => Lab.Hosts[index];

    public string Address(int index) => Lab.Hosts[index].Address.ToString();

    /// <summary>Runs a command as root inside a host (not through SSH) and fails the test if it fails.</summary>
    public async Task<string> InHostAsync(string host, string command, string? stdin = null)
    {
        var result = stdin is null
            ? await Lab.ExecInHostAsync(host, command, CancellationToken.None)
            : await Lab.ExecInHostAsync(host, command, stdin, CancellationToken.None);
        Assert.True(result.Succeeded, $"in-host command failed on {host} (rc={result.ExitCode}): {command}\n{result.Stderr}");
        return result.Stdout;
    }

    /// <inheritdoc cref="InHostAsync(string, string, string?)"/>
    public Task<string> InHostAsync(int index, string command, string? stdin = null) => InHostAsync(Host(index).Name, command, stdin);
}
