using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// The repository's own site.yml, playbooks/, roles/ and templates/ copied into a test's directory (links kept: playbooks/roles,
/// the role's templates), with the shipped ansible.cfg whose <c>inventory</c> names the test's, so <c>orchestrator run site.yml</c>
/// runs there with no <c>-i</c>, as a user runs it.
/// </summary>
internal static class ShippedRepository
{
    private const string ShippedInventory = "inventory = inventories/production";

    /// <summary>Copies the repository into <paramref name="directory"/>; <paramref name="extraDefaults"/> are more <c>[defaults]</c> lines.</summary>
    public static async Task CopyAsync(TempDirectory directory, string inventory, params string[] extraDefaults)
    {
        foreach (var entry in new[] { "site.yml", "playbooks", "roles", "templates" })
        {
            var copy = await ProcessRunner.RunAsync("cp", ["-a", Path.Combine(RepoPaths.Root, entry), directory.Path]);
            Assert.True(copy.ExitCode == 0, copy.ToString());
        }

        var shipped = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "ansible.cfg"));
        Assert.Contains(ShippedInventory, shipped, StringComparison.Ordinal);
        var settings = string.Join('\n', [$"inventory = {inventory}", .. extraDefaults]);
        directory.Write("ansible.cfg", shipped.Replace(ShippedInventory, settings, StringComparison.Ordinal));
    }

    /// <summary>The <c>task_result</c> events of a <c>-o json</c> run's output, in order.</summary>
    public static List<JsonNode> TaskResults(string jsonLines) =>
        jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!)
            .Where(e => (string?)e["type"] == "task_result")
            .ToList();
}
