using Orchestrator.Core.Transport;
using Orchestrator.Engine;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>Runs playbooks through the real engine with the FreeSWITCH modules registered.</summary>
internal static class PlaybookHarness
{
    public static string PlaybooksDir => Path.Combine(RepoPaths.Root, "playbooks");

    public static string TemplatesDir => Path.Combine(RepoPaths.Root, "templates");

    /// <summary>An inventory with one host reached through <c>ansible_connection: local</c>.</summary>
    public static string LocalInventory(string dir, string host = "local1", string extraVars = "")
    {
        var path = Path.Combine(dir, "inventory.yml");
        File.WriteAllText(path, $"all:\n  children:\n    freeswitch:\n      hosts:\n        {host}:\n          ansible_connection: local\n{extraVars}");
        return path;
    }

    public static async Task<(PlaybookRunResult Result, RecordingRunOutput Output)> RunAsync(
        string playbook,
        string inventory,
        bool check = false,
        bool diff = false,
        IReadOnlyDictionary<string, object?>? extraVars = null,
        IHostConnector? connector = null)
    {
        var output = new RecordingRunOutput();
        using var transport = new HostConnector(new TransportOptions());
        var result = await PlaybookRunner.RunAsync(
            new PlaybookRunOptions
            {
                PlaybookPath = playbook,
                Inventory = InventoryLoader.Load([inventory]),
                Connector = connector ?? transport,
                Modules = FreeSwitchModules.CreateRegistry(),
                Check = check,
                Diff = diff,
                ExtraVars = extraVars ?? new Dictionary<string, object?>(),
                Output = output,
            },
            CancellationToken.None);
        return (result, output);
    }

    public static string Describe(RecordingRunOutput output) =>
        string.Join("\n", output.Results.Select(r => $"{r.Host} {r.Task}: {r.Outcome} {r.Message}"));
}
