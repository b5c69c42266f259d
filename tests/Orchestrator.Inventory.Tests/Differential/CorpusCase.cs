using System.Text.Json;
using Orchestrator.Inventory.Tests.Support;

namespace Orchestrator.Inventory.Tests.Differential;

/// <summary>One inventory of the differential corpus: Corpus/NAME/case.json lists its sources, patterns and limits.</summary>
internal sealed record CorpusCase(string Name, string Directory, IReadOnlyList<string> Sources, IReadOnlyList<(string Pattern, string? Limit)> Queries)
{
    public static IReadOnlyList<string> Names() =>
        System.IO.Directory.GetDirectories(InventoryTestPaths.Corpus).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static CorpusCase Load(string name)
    {
        var dir = Path.Combine(InventoryTestPaths.Corpus, name);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
        var root = doc.RootElement;
        var sources = root.GetProperty("sources").EnumerateArray().Select(e => e.GetString()!).ToList();
        var queries = root.GetProperty("patterns").EnumerateArray().Select(e => (e.GetString()!, (string?)null)).ToList();
        if (root.TryGetProperty("limits", out var limits))
        {
            queries.AddRange(limits.EnumerateArray().Select(e => (e[0].GetString()!, (string?)e[1].GetString())));
        }

        return new CorpusCase(name, dir, sources, queries);
    }

    /// <summary>Sources as paths this process can open (host lists stay as they are).</summary>
    public IReadOnlyList<string> AbsoluteSources =>
        Sources.Select(s => s.Contains(',', StringComparison.Ordinal) && !Path.Exists(Path.Combine(Directory, s)) ? s : Path.Combine(Directory, s)).ToList();
}
