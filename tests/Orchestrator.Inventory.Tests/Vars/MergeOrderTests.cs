using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Vars;

/// <summary>Ansible's variable precedence inside an inventory, one rule per test.</summary>
public sealed class MergeOrderTests
{
    [Fact]
    public void Variables_ChildGroup_BeatsParentGroup()
    {
        var inv = HostInventory.FromYaml("""
            all:
              vars: {x: all}
              children:
                parent:
                  vars: {x: parent}
                  children:
                    child:
                      vars: {x: child}
                      hosts: {h1: }
            """);
        Assert.Equal("child", inv.FindHost("h1")!.Variables["x"]);
    }

    [Fact]
    public void Variables_SameDepth_HigherPriorityWins()
    {
        var inv = HostInventory.FromIni("""
            [a]
            h1
            [b]
            h1
            [a:vars]
            x=a
            ansible_group_priority=5
            [b:vars]
            x=b
            """);
        Assert.Equal("a", inv.FindHost("h1")!.Variables["x"]);
        Assert.Equal(5, inv.Groups["a"].Priority);
        Assert.False(inv.FindHost("h1")!.Variables.ContainsKey("ansible_group_priority"));
    }

    [Fact]
    public void Variables_SameDepthAndPriority_LaterNameWins()
    {
        var inv = HostInventory.FromIni("[zeta]\nh1\n[alpha]\nh1\n[zeta:vars]\nx=zeta\n[alpha:vars]\nx=alpha\n");
        Assert.Equal("zeta", inv.FindHost("h1")!.Variables["x"]);
    }

    [Fact]
    public void Variables_DepthBeatsPriority()
    {
        var inv = HostInventory.FromYaml("""
            shallow:
              vars: {x: shallow, ansible_group_priority: 100}
              hosts: {h1: }
            parent:
              children:
                deep:
                  vars: {x: deep}
                  hosts: {h1: }
            """);
        Assert.Equal(1, inv.Groups["deep"].Depth - inv.Groups["shallow"].Depth);
        Assert.Equal("deep", inv.FindHost("h1")!.Variables["x"]);
    }

    [Fact]
    public void Variables_HostVars_BeatAllGroupVars()
    {
        var inv = HostInventory.FromIni("[g]\nh1 x=host\n[g:vars]\nx=group\n");
        Assert.Equal("host", inv.FindHost("h1")!.Variables["x"]);
    }

    [Fact]
    public void Variables_GroupVarsFile_BeatsInventoryVarsOfDeeperGroup()
    {
        using var dir = new TempDirectory();
        var hosts = dir.Write("hosts.ini", "[freeswitch:children]\nmedia\n[media]\nfs1\n[media:vars]\nrtp_start_port=16384\n");
        dir.Write("group_vars/freeswitch.yml", "rtp_start_port: 1\n");
        var inv = InventoryLoader.Load([hosts]);
        Assert.Equal(1L, inv.FindHost("fs1")!.Variables["rtp_start_port"]);
    }

    [Fact]
    public void Variables_HostVarsFile_BeatsInventoryHostVars_AndGroupVarsAllIsLowestFile()
    {
        using var dir = new TempDirectory();
        var hosts = dir.Write("hosts.ini", "[g]\nfs1 a=inline b=inline\n[g:vars]\nc=inventory-group\n");
        dir.Write("host_vars/fs1.yml", "a: host_vars\n");
        dir.Write("group_vars/all.yml", "b: all-file\nc: all-file\nd: all-file\n");
        var vars = InventoryLoader.Load([hosts]).FindHost("fs1")!.Variables;
        Assert.Equal("host_vars", vars["a"]);
        Assert.Equal("inline", vars["b"]);
        Assert.Equal("all-file", vars["c"]);
        Assert.Equal("all-file", vars["d"]);
    }

    [Fact]
    public void Variables_GroupVarsDirectory_MergedInLexicalOrderWithReplace()
    {
        using var dir = new TempDirectory();
        var hosts = dir.Write("hosts.yml", "g:\n  hosts:\n    h1:\n");
        dir.Write("group_vars/g/b.yml", "x: b\nnested: {from_b: 1}\n");
        dir.Write("group_vars/g/a.yml", "x: a\nnested: {from_a: 1}\nonly_a: 1\n");
        var vars = InventoryLoader.Load([hosts]).FindHost("h1")!.Variables;
        Assert.Equal("b", vars["x"]);
        Assert.Equal(1L, vars["only_a"]);
        var nested = Assert.IsType<Dictionary<string, object?>>(vars["nested"]);
        Assert.Equal(["from_b"], nested.Keys);
    }

    [Fact]
    public void Variables_LaterSourceWins()
    {
        using var dir = new TempDirectory();
        var first = dir.Write("a/hosts.ini", "[g]\nh1 x=first only_first=1\n");
        var second = dir.Write("b/hosts.yml", "g:\n  hosts:\n    h1:\n      x: second\n");
        var vars = InventoryLoader.Load([first, second]).FindHost("h1")!.Variables;
        Assert.Equal("second", vars["x"]);
        Assert.Equal(1L, vars["only_first"]);
    }

    [Fact]
    public void Variables_InternalNames_AreRemovedLikeAnsibleInventory()
    {
        var inv = HostInventory.FromIni("h1 inventory_hostname=x groups=y omit=z keep=1\n");
        Assert.Equal(["keep"], inv.FindHost("h1")!.Variables.Keys);
    }

    [Fact]
    public void Groups_HostInSeveralGroups_ListsAncestorsSortedWithoutAll()
    {
        var inv = HostInventory.FromIni("[b]\nh1\n[a:children]\nb\n[c]\nh1\n");
        Assert.Equal(["a", "b", "c"], inv.FindHost("h1")!.Groups);
    }

    [Fact]
    public void Ungrouped_HostOnlyInAll_IsUngrouped_AndLeavesWhenGrouped()
    {
        var inv = HostInventory.FromIni("loner\nboth\n[g]\nboth\n");
        Assert.Equal(["loner"], inv.Groups["ungrouped"].Hosts);
        Assert.Equal(["ungrouped"], inv.FindHost("loner")!.Groups);
        Assert.Equal(["ungrouped", "g"], inv.Groups["all"].Children);
    }

    [Fact]
    public void Groups_ChildDefinedLater_IsResolved()
    {
        var inv = HostInventory.FromIni("[parent:children]\nkid\n[kid]\nh1\n");
        Assert.Equal(["kid"], inv.Groups["parent"].Children);
        Assert.Equal(["kid", "parent"], inv.FindHost("h1")!.Groups);
    }

    [Fact]
    public void Hosts_AllOrder_IsBreadthFirstFromAll()
    {
        var inv = HostInventory.FromIni("[p:children]\nc\n[c]\ndeep\n[q]\nshallow\n");
        Assert.Equal(["shallow", "deep"], inv.Hosts.Select(h => h.Name));
    }

    [Fact]
    public void Port_OnHostLine_BecomesAnsiblePortOnlyOnFirstDefinition()
    {
        var inv = HostInventory.FromIni("[a]\nh1:2222\n[b]\nh1:3333\n");
        Assert.Equal(2222L, inv.FindHost("h1")!.Variables["ansible_port"]);
    }

    [Fact]
    public void SetVariable_HostNamedLikeGroup_GoesToTheGroupLikeAnsible()
    {
        var inv = HostInventory.FromYaml("web:\n  hosts:\n    web:\n      x: 1\n");
        Assert.Equal(1L, inv.Groups["web"].Variables["x"]);
        Assert.Contains(inv.Warnings, w => w.Contains("both group and host", StringComparison.Ordinal));
    }
}
