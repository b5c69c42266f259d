using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Differential;

/// <summary>
/// Every corpus inventory through the real ansible-inventory / ansible and through Orchestrator:
/// the --list documents must be equal (every group's hosts and children, every host's variables), and
/// every pattern and limit must select the same hosts in the same order.
/// </summary>
[Collection(nameof(AnsibleCollection))]
[Trait("Requires", "ansible")]
public sealed class DifferentialTests(ReferenceResults reference)
{
    public static TheoryData<string> Cases() => [.. CorpusCase.Names()];

    [Fact]
    public void Corpus_HasAtLeastTwelveInventories() =>
        Assert.True(CorpusCase.Names().Count >= 12, $"only {CorpusCase.Names().Count} corpus inventories");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InventoryList_Corpus_EqualsAnsibleInventoryList(string name)
    {
        var r = await reference.Get(name);
        Assert.True(r.OrchestratorList.ExitCode == 0, $"orchestrator inventory --list failed:\n{r.OrchestratorList.Stderr}");
        var expected = PyJson.Parse(r.AnsibleList.Stdout);
        var actual = PyJson.Parse(r.OrchestratorList.Stdout);
        var difference = PyJson.Difference(expected, actual);
        Assert.True(difference is null, $"{name}: {difference}");

        // Sanity: the document really has hosts, so the comparison compared something.
        var hostvars = (Dictionary<string, object?>)((Dictionary<string, object?>)((Dictionary<string, object?>)expected!)["_meta"]!)["hostvars"]!;
        Assert.Contains(((Dictionary<string, object?>)expected!).Keys, k => k != "_meta" && k != "all");
        Assert.True(hostvars.Count > 0 || name.Contains("empty", StringComparison.Ordinal), $"{name}: no host variables to compare");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InventoryList_Corpus_IsByteIdenticalWhenAnsibleCanSortKeys(string name)
    {
        var r = await reference.Get(name);
        if (r.AnsibleList.Stderr.Contains("Could not sort JSON output", StringComparison.Ordinal))
        {
            // Ansible falls back to unsorted keys when a dict mixes key types; only the semantic test applies.
            Assert.Contains("123", r.AnsibleList.Stdout, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(r.AnsibleList.Stdout, r.OrchestratorList.Stdout);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SelectHosts_CorpusPatterns_MatchAnsibleListHosts(string name)
    {
        var r = await reference.Get(name);
        var inventory = InventoryLoader.Load(r.Case.AbsoluteSources);
        var failures = new List<string>();
        for (var i = 0; i < r.Case.Queries.Count; i++)
        {
            var (pattern, limit) = r.Case.Queries[i];
            var expected = r.AnsiblePatterns[i];
            var query = limit is null ? $"'{pattern}'" : $"'{pattern}' -l '{limit}'";
            Assert.True(expected is not null, $"{name}: Ansible raised an error for {query}; corpus queries must be valid for Ansible");
            var (hosts, ambiguous) = inventory.SelectHostsWithOrderInfo(pattern, limit);
            var actual = hosts.Select(h => h.Name).ToList();
            if (ambiguous)
            {
                // Ansible walks grandchild groups in Python set order, which changes between runs: compare as sets.
                if (!actual.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
                {
                    failures.Add($"{query}: ansible [{string.Join(", ", expected)}] ours [{string.Join(", ", actual)}] (as sets)");
                }
            }
            else if (!actual.SequenceEqual(expected))
            {
                failures.Add($"{query}: ansible [{string.Join(", ", expected)}] ours [{string.Join(", ", actual)}]");
            }
        }

        Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));
    }
}
