using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Lab.Tests.Support;

/// <summary>Names and directories for the labs tests bring up, unique per checkout so two worktrees' suites can run at once.</summary>
internal static class TestLabs
{
    private static readonly string CheckoutTag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..4];

    /// <summary>A lab name such as <c>tssh-1a2b</c>: a short purpose plus a tag of this checkout.</summary>
    public static string Name(string purpose) => $"{purpose}-{CheckoutTag}";

    /// <summary>A fixed directory per name, so a run after a crashed one can take the old lab down first.</summary>
    public static string Directory(string name) => Path.Combine(Path.GetTempPath(), "orchestrator-lab-tests", name);

    /// <summary>Takes down what a crashed earlier run left, then brings a fresh lab up.</summary>
    public static async Task<LabFleet> UpAsync(string purpose, int hosts, Action<LabOptions>? configure = null)
    {
        var name = Name(purpose);
        var dir = Directory(name);
        await LabFleet.DownAsync(dir, CancellationToken.None);
        var options = new LabOptions { Name = name, Directory = dir, Hosts = hosts };
        configure?.Invoke(options);
        return await LabFleet.UpAsync(options, CancellationToken.None);
    }
}
