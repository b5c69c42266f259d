using Orchestrator.Inventory.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Differential;

/// <summary>
/// The real `ansible PATTERN --list-hosts` command against `orchestrator inventory --list-hosts PATTERN`,
/// output compared line for line. It also shows that the pattern driver the corpus tests use (Ansible's
/// InventoryManager called as the ansible command calls it) agrees with the ansible command itself.
/// </summary>
[Collection(nameof(AnsibleCollection))]
[Trait("Requires", "ansible")]
public sealed class AnsibleCliTests(ReferenceResults reference)
{
    public static TheoryData<string, string, string?> Queries() => new()
    {
        { "01-ini-basics", "freeswitch:!edge", null },
        { "01-ini-basics", "all", "media:edge" },
        { "03-ranges", "media[2:4]:edge[0]", null },
        { "04-yaml-nested", "freeswitch:&datacenter_east", null },
        { "15-ipv6-localhost", "sip,!::1", null },
        { "12-depths", "~fs-(deep|fax)", "flat" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task ListHosts_SameOutputAsAnsibleCommand(string caseName, string pattern, string? limit)
    {
        var c = CorpusCase.Load(caseName);
        var ansibleTask = AnsibleReference.ListHostsCliAsync(c.Directory, c.Sources, pattern, limit);
        var args = new List<string> { "inventory" };
        args.AddRange(c.Sources.SelectMany(s => new[] { "-i", s }));
        args.AddRange(["--list-hosts", pattern]);
        if (limit is not null)
        {
            args.AddRange(["-l", limit]);
        }

        var ours = await OrchestratorCli.RunAsync(args, c.Directory);
        var ansible = await ansibleTask;
        Assert.Equal(0, ansible.ExitCode);
        Assert.Equal(0, ours.ExitCode);
        Assert.Contains("hosts (", ansible.Stdout, StringComparison.Ordinal);
        Assert.Equal(ansible.Stdout, ours.Stdout);

        var results = await reference.Get(caseName);
        var index = results.Case.Queries.ToList().IndexOf((pattern, limit));
        Assert.True(index >= 0, $"({pattern}, {limit}) must be one of {caseName}'s corpus queries");
        var listed = ansible.Stdout.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal(listed, results.AnsiblePatterns[index]);
    }
}
