using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Inventory.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Differential;

/// <summary>
/// Inventory scripts and constructed files through the real ansible-inventory and through
/// <c>orchestrator inventory</c>, on the same files: <c>--list</c> byte for byte, <c>--graph</c> line for line
/// (our tree glyphs redrawn in Ansible's <c>|--</c> style), <c>--host</c> for the first hosts. An inventory that
/// Ansible cannot parse (it warns and carries on with nothing) must be an error here, each tool saying why.
/// </summary>
[Trait("Requires", "ansible")]
public sealed partial class DynamicInventoryDifferentialTests
{
    private static readonly Dictionary<string, DynamicCase> Cases =
        ScriptCases.All().Concat(ConstructedCases.All()).ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Working() => [.. Cases.Values.Where(c => !c.IsError).Select(c => c.Name)];

    public static TheoryData<string> Failing() => [.. Cases.Values.Where(c => c.IsError).Select(c => c.Name)];

    [Fact]
    public void Suite_HasAtLeastFifteenInventories() =>
        Assert.True(Working().Count >= 15, $"only {Working().Count} working inventories");

    [Theory]
    [MemberData(nameof(Working))]
    public async Task ListGraphHost_SameAsAnsibleInventory(string name)
    {
        var c = Cases[name];
        using var dir = Materialized(c);
        var arguments = c.SourceArguments.ToList();
        var ansibleList = AnsibleReference.InventoryAsync(dir.Path, [.. arguments, "--list"]);
        var ansibleGraph = AnsibleReference.InventoryAsync(dir.Path, [.. arguments, "--graph"]);
        var ourList = OrchestratorCli.RunAsync(["inventory", .. arguments, "--list"], dir.Path);
        var ourGraph = OrchestratorCli.RunAsync(["inventory", .. arguments, "--graph"], dir.Path, new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "500" });

        var expected = await ansibleList;
        Assert.True(expected.ExitCode == 0 && !expected.Stderr.Contains("parse", StringComparison.Ordinal), $"{name}: ansible-inventory failed:\n{expected.Stderr}");
        var actual = await ourList;
        Assert.True(actual.ExitCode == 0, $"{name}: orchestrator inventory --list failed:\n{actual.Stderr}");
        Assert.Equal(expected.Stdout, actual.Stdout);

        var graph = await ansibleGraph;
        Assert.Equal(0, graph.ExitCode);
        Assert.Equal(graph.Stdout.TrimEnd(), AnsibleGraphStyle((await ourGraph).Stdout));

        using var document = JsonDocument.Parse(expected.Stdout);
        var hosts = document.RootElement.GetProperty("_meta").GetProperty("hostvars").EnumerateObject().Select(p => p.Name).Take(2).ToList();
        Assert.NotEmpty(hosts);
        foreach (var host in hosts)
        {
            var ansibleHost = AnsibleReference.InventoryAsync(dir.Path, [.. arguments, "--host", host]);
            var ourHost = await OrchestratorCli.RunAsync(["inventory", .. arguments, "--host", host], dir.Path);
            Assert.True(ourHost.ExitCode == 0, $"{name}: --host {host} failed:\n{ourHost.Stderr}");
            Assert.Equal((await ansibleHost).Stdout, ourHost.Stdout);
        }
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public async Task Refused_ByBothTools_EachSayingWhy(string name)
    {
        var c = Cases[name];
        using var dir = Materialized(c);
        var arguments = c.SourceArguments.ToList();
        var ansible = await AnsibleReference.InventoryAsync(dir.Path, [.. arguments, "--list"]);
        var ours = await OrchestratorCli.RunAsync(["inventory", .. arguments, "--list"], dir.Path);

        Assert.Contains(c.AnsibleError!, Unwrapped(ansible.Stderr), StringComparison.Ordinal);
        Assert.Contains("Unable to parse", ansible.Stderr, StringComparison.Ordinal);
        Assert.True(ours.ExitCode == 2, $"{name}: exit {ours.ExitCode}, expected 2\n{ours.Stderr}");
        Assert.Contains(c.OurError!, ours.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("ERROR: ", ours.Stderr, StringComparison.Ordinal);
        Assert.Equal("", ours.Stdout);
        Assert.DoesNotContain("   at ", ours.Stderr, StringComparison.Ordinal);
    }

    private static TempDirectory Materialized(DynamicCase c)
    {
        var dir = new TempDirectory("orchestrator-dynamic-");
        c.Materialize(dir);
        return dir;
    }

    // Ansible wraps its warnings at the terminal width.
    private static string Unwrapped(string text) => Whitespace().Replace(text, " ");

    /// <summary>Our Spectre tree (<c>├── </c>, <c>│   </c>) redrawn as ansible-inventory --graph draws it (<c>  |--</c>, <c>|  </c>).</summary>
    private static string AnsibleGraphStyle(string tree)
    {
        var lines = new StringBuilder();
        foreach (var line in tree.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
        {
            var at = line.IndexOfAny(['├', '└']);
            if (at < 0)
            {
                lines.Append(line).Append('\n');
                continue;
            }

            var depth = (at / 4) + 1;
            lines.Append("  ").Append(string.Concat(Enumerable.Repeat("|  ", depth - 1))).Append("|--").Append(line[(at + 4)..]).Append('\n');
        }

        return lines.ToString().TrimEnd();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
