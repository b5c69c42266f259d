using Orchestrator.Core.Errors;
using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Patterns;

/// <summary>Host pattern rules (the differential corpus checks them against Ansible; these pin each rule down).</summary>
public sealed class PatternTests
{
    private static readonly HostInventory Fleet = HostInventory.FromIni("""
        [media]
        fs-m[1:4]
        [edge]
        fs-e1
        fs-e2
        fs-m2
        [east]
        fs-m1
        fs-e1
        [freeswitch:children]
        media
        edge
        """);

    private static string[] Names(string pattern, string? limit = null) => [.. Fleet.SelectHosts(pattern, limit).Select(h => h.Name)];

    [Fact]
    public void SelectHosts_Union_KeepsFirstOrderWithoutDuplicates() =>
        Assert.Equal(["fs-e1", "fs-e2", "fs-m2", "fs-m1", "fs-m3", "fs-m4"], Names("edge:media"));

    [Fact]
    public void SelectHosts_CommaAndColon_AreBothUnions() => Assert.Equal(Names("edge:media"), Names("edge,media"));

    [Fact]
    public void SelectHosts_Intersection_AppliesAfterUnions() => Assert.Equal(["fs-m1", "fs-e1"], Names("east:&freeswitch"));

    // Orders in this class were checked with ansible PATTERN --list-hosts on the same inventory.
    [Fact]
    public void SelectHosts_ExclusionFirst_StartsFromAll() => Assert.Equal(["fs-m2", "fs-m3", "fs-m4", "fs-e2"], Names("!east"));

    [Fact]
    public void SelectHosts_OrderIsUnionsThenIntersectionsThenExclusions() =>
        Assert.Equal(Names("media:&east"), Names("!fs-m9:&east:media"));

    [Fact]
    public void SelectHosts_Glob_MatchesGroupsAndHosts() => Assert.Equal(["fs-e1", "fs-e2", "fs-m2"], Names("ed*"));

    [Fact]
    public void SelectHosts_Regex_IsAnchoredAtStartOnly() => Assert.Equal(["fs-m1", "fs-m2", "fs-m3", "fs-m4"], Names("~fs-m"));

    [Fact]
    public void SelectHosts_Slices_UseAnsibleInclusiveEnd()
    {
        Assert.Equal(["fs-m2", "fs-m3"], Names("media[1:2]"));
        Assert.Equal(["fs-m4"], Names("media[-1]"));
        Assert.Equal(["fs-m1"], Names("media[0]"));
        Assert.Equal(["fs-m3", "fs-m4"], Names("media[2:]"));
        Assert.Equal(["fs-m2"], Names("media[1:0]"));
        Assert.Empty(Names("media[3:1]"));
    }

    [Fact]
    public void SelectHosts_Limit_FiltersInPatternOrder() => Assert.Equal(["fs-m1", "fs-e1"], Names("freeswitch", "east"));

    [Fact]
    public void SelectHosts_LimitFromFile_ReadsOnePatternPerLine()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("limit.txt", "fs-m3\nedge\n\n");
        Assert.Equal(["fs-e1", "fs-m2", "fs-m3", "fs-e2"], Names("all", "@" + file));
    }

    [Fact]
    public void SelectHosts_NoMatch_WarnsAndReturnsNothing()
    {
        var warnings = new List<string>();
        Assert.Empty(Fleet.SelectHosts("nosuch", null, warnings.Add));
        Assert.Equal(["Could not match supplied host pattern, ignoring: nosuch"], warnings);
    }

    [Fact]
    public void SelectHosts_LocalhostWithoutOne_IsImplicitAndNotInAll()
    {
        var host = Assert.Single(Fleet.SelectHosts("localhost"));
        Assert.True(host.IsImplicit);
        Assert.Equal("local", host.Variables["ansible_connection"]);
        Assert.DoesNotContain(Fleet.SelectHosts("all"), h => h.Name == "localhost");
    }

    [Fact]
    public void SelectHosts_Ipv6HostName_IsOnePattern()
    {
        var inv = HostInventory.FromIni("[v6]\nfe80::1\n2001:db8::5\n");
        Assert.Equal(["2001:db8::5"], inv.SelectHosts("2001:db8::5").Select(h => h.Name));
    }

    [Theory]
    [InlineData("media[9]", 1, "found subscript [9]")]
    [InlineData("~web(", 1, "not a valid regular expression")]
    [InlineData("media:fs-m[1", 11, "unbalanced '['")]
    [InlineData("edge:!", 6, "nothing after it")]
    [InlineData("   ", 1, "empty host pattern")]
    public void SelectHosts_BadPattern_ThrowsWithColumn(string pattern, int column, string message)
    {
        var ex = Assert.Throws<UserInputException>(() => Fleet.SelectHosts(pattern));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("pattern", 1, column), ex.Location);
    }

    [Fact]
    public void SelectHosts_MissingLimitFile_Throws()
    {
        var ex = Assert.Throws<UserInputException>(() => Fleet.SelectHosts("all", "@/nonexistent/limit"));
        Assert.Contains("no such file", ex.Message, StringComparison.Ordinal);
    }
}
