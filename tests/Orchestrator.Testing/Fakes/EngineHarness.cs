using Microsoft.Extensions.Time.Testing;
using Orchestrator.Engine;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;

namespace Orchestrator.Testing.Fakes;

/// <summary>A temporary playbook directory, an in-memory inventory and fake hosts; runs playbooks through the public API.</summary>
public sealed class EngineHarness : IDisposable
{
    private readonly TempDirectory _dir = new("engine-test-");

    public EngineHarness(params string[] hosts)
    {
        InventoryYaml = Inventory(hosts);
    }

    private EngineHarness(string inventoryYaml, bool fromYaml)
    {
        _ = fromYaml;
        InventoryYaml = inventoryYaml;
    }

    public static EngineHarness WithInventory(string inventoryYaml) => new(inventoryYaml, fromYaml: true);

    public string InventoryYaml { get; }

    public FakeConnector Connector { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public string Directory => _dir.Path;

    public FakeHost this[string host] => Connector[host];

    public static string Inventory(params string[] hosts) =>
        "all:\n  hosts:\n" + string.Concat(hosts.Select(h => $"    {h}:\n"));

    public string Write(string relativePath, string content) => _dir.Write(relativePath, content);

    public PlaybookRunOptions Options(string playbook, Action<OptionsBuilder>? configure = null)
    {
        var path = Write("site.yml", playbook);
        var builder = new OptionsBuilder();
        configure?.Invoke(builder);
        return Build(path, builder, builder.Output);
    }

    private PlaybookRunOptions Build(string path, OptionsBuilder builder, IRunOutput output) =>
        new()
        {
            PlaybookPath = path,
            Inventory = HostInventory.FromYaml(InventoryYaml),
            Connector = Connector,
            Output = output,
            TimeProvider = Time,
            Check = builder.Check,
            Diff = builder.Diff,
            Forks = builder.Forks,
            ExtraVars = builder.ExtraVars,
            Limit = builder.Limit,
            Tags = builder.Tags,
            SkipTags = builder.SkipTags,
            ForceHandlers = builder.ForceHandlers,
            StartAtTask = builder.StartAtTask,
            DetailedExitCode = builder.DetailedExitCode,
            Modules = builder.Modules,
            VarsPrompt = builder.VarsPrompt,
        };

    public async Task<HarnessRun> RunAsync(string playbook, Action<OptionsBuilder>? configure = null)
    {
        var path = Write("site.yml", playbook);
        var builder = new OptionsBuilder();
        configure?.Invoke(builder);
        var recording = new RecordingRunOutput();
        var options = Build(path, builder, new CompositeRunOutput(recording, builder.Output));
        var result = await PlaybookRunner.RunAsync(options, CancellationToken.None);
        return new HarnessRun(result, recording);
    }

    public void Dispose() => _dir.Dispose();

    public sealed class OptionsBuilder
    {
        public IRunOutput Output { get; set; } = new RecordingRunOutput();

        public bool Check { get; set; }

        public bool Diff { get; set; }

        public int Forks { get; set; } = 50;

        public Dictionary<string, object?> ExtraVars { get; } = new(StringComparer.Ordinal);

        public string? Limit { get; set; }

        public List<string> Tags { get; } = [];

        public List<string> SkipTags { get; } = [];

        public bool ForceHandlers { get; set; }

        public string? StartAtTask { get; set; }

        public bool DetailedExitCode { get; set; }

        public ModuleRegistry Modules { get; set; } = ModuleRegistry.CreateDefault();

        public IVarsPrompt? VarsPrompt { get; set; }
    }
}
