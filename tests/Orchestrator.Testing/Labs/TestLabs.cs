using System.Security.Cryptography;
using System.Text;
using Orchestrator.Lab;

namespace Orchestrator.Testing.Labs;

/// <summary>Names and directories for the labs tests bring up, unique per checkout so two worktrees' suites can run at once.</summary>
public static class TestLabs
{
    /// <summary>Four hex digits of where this test assembly runs from: the same for every run of one checkout's build.</summary>
    public static string CheckoutTag { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..4];

    /// <summary>A lab name such as <c>tssh-1a2b</c>: a short purpose plus the checkout tag.</summary>
    public static string Name(string purpose) => $"{purpose}-{CheckoutTag}";

    /// <summary>A fixed directory per name, so a run after a crashed one can take the old lab down first.</summary>
    public static string Directory(string name) => Path.Combine(Path.GetTempPath(), "orchestrator-lab-tests", name);

    /// <summary>Fails with <see cref="TestRequirements.RootMessage"/> without root, takes down what a crashed earlier run left, then brings a fresh lab up.</summary>
    public static async Task<LabFleet> UpAsync(string purpose, int hosts, Action<LabOptions>? configure = null)
    {
        TestRequirements.Root();
        var name = Name(purpose);
        var directory = Directory(name);
        await LabFleet.DownAsync(directory, CancellationToken.None);
        var options = new LabOptions { Name = name, Directory = directory, Hosts = hosts };
        configure?.Invoke(options);
        return await LabFleet.UpAsync(options, CancellationToken.None);
    }
}
