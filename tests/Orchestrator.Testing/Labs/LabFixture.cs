namespace Orchestrator.Lab.Tests.Support;

/// <summary>
/// One lab per test class (xunit class fixture): brought up once, taken down after the class's last test
/// even when tests fail. Tests that change a host put it back in a finally block.
/// </summary>
public abstract class SharedLab : IAsyncLifetime
{
    private readonly string _purpose;
    private readonly int _hosts;
    private readonly Action<LabOptions>? _configure;
    private LabFleet? _lab;

    protected SharedLab(string purpose, int hosts, Action<LabOptions>? configure = null)
    {
        _purpose = purpose;
        _hosts = hosts;
        _configure = configure;
    }

    public LabFleet Lab => _lab ?? throw new InvalidOperationException("the lab did not come up");

    public async Task InitializeAsync() => _lab = await TestLabs.UpAsync(_purpose, _hosts, _configure);

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }
}
