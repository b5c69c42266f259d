using System.Security.Cryptography;
using System.Text;
using Orchestrator.Lab;

namespace Orchestrator.Compliance.Tests.Support;

/// <summary>
/// One lab per test class: brought up once (after taking down what a crashed run left), down after the last test even
/// when tests fail. Names start with <c>co</c> plus a tag of this checkout, so two worktrees' suites can run at once.
/// </summary>
public abstract class ComplianceLab : IAsyncLifetime
{
    private static readonly string CheckoutTag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..4];
    private readonly string _purpose;
    private readonly int _hosts;
    private readonly string _scenario;
    private LabFleet? _lab;

    protected ComplianceLab(string purpose, int hosts, string scenario)
    {
        _purpose = purpose;
        _hosts = hosts;
        _scenario = scenario;
    }

    public LabFleet Lab => _lab ?? throw new InvalidOperationException("the lab did not come up");

    public static string Name(string purpose) => $"co{purpose}-{CheckoutTag}";

    public static string Directory(string name) => Path.Combine(Path.GetTempPath(), "orchestrator-lab-tests", name);

    public async Task InitializeAsync()
    {
        Assert.True(Environment.IsPrivilegedProcess, "the compliance lab tests need root (network and mount namespaces); run them as root, as CI does");
        var name = Name(_purpose);
        var dir = Directory(name);
        await LabFleet.DownAsync(dir, CancellationToken.None);
        _lab = await LabFleet.UpAsync(new LabOptions { Name = name, Directory = dir, Hosts = _hosts, Scenario = _scenario }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }
}
