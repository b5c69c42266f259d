using System.Collections.Concurrent;
using Orchestrator.Inventory.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Differential;

internal sealed record CaseResults(
    CorpusCase Case,
    ProcessResult AnsibleList,
    ProcessResult OrchestratorList,
    IReadOnlyList<IReadOnlyList<string>?> AnsiblePatterns);

/// <summary>The tests that compare with the real Ansible share one <see cref="ReferenceResults"/>.</summary>
[CollectionDefinition(nameof(AnsibleCollection))]
public sealed class AnsibleCollection : ICollectionFixture<ReferenceResults>;

/// <summary>
/// Runs every corpus case through the real Ansible and the orchestrator executable once, all cases
/// concurrently (a few processes at a time), so the theory rows only compare results.
/// </summary>
public sealed class ReferenceResults
{
    private static readonly SemaphoreSlim Slots = new(Math.Max(2, Environment.ProcessorCount * 2));
    private readonly ConcurrentDictionary<string, Lazy<Task<CaseResults>>> _results = new(StringComparer.Ordinal);

    public ReferenceResults()
    {
        foreach (var name in CorpusCase.Names())
        {
            _ = Get(name);
        }
    }

    internal Task<CaseResults> Get(string name) =>
        _results.GetOrAdd(name, n => new Lazy<Task<CaseResults>>(() => Task.Run(() => RunAsync(CorpusCase.Load(n))))).Value;

    private static async Task<CaseResults> RunAsync(CorpusCase c)
    {
        var ansibleList = Throttled(() => AnsibleReference.ListAsync(c.Directory, c.Sources));
        var patterns = Throttled(() => AnsibleReference.ListHostsAsync(c.Directory, c.Sources, c.Queries));
        var ours = Throttled(() => OrchestratorCli.RunAsync(
            new[] { "inventory" }.Concat(c.Sources.SelectMany(s => new[] { "-i", s })).Append("--list"), c.Directory));
        return new CaseResults(c, await ansibleList, await ours, await patterns);
    }

    private static async Task<T> Throttled<T>(Func<Task<T>> run)
    {
        await Slots.WaitAsync();
        try
        {
            return await run();
        }
        finally
        {
            Slots.Release();
        }
    }
}
