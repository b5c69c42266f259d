using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Inventory;

/// <summary>
/// Every kind of bad input, through the orchestrator command line (in process, through CliApplication.RunAsync,
/// the entry point of the executable): one line "ERROR: file:line:column: found ...; expected ...", exit code 2,
/// and no stack trace. <see cref="InventoryExecutableErrorTests"/> repeats a sample through the real executable.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class InventoryErrorTests
{
    public static TheoryData<string, string, string, string> BadFiles() => new()
    {
        // file, content, expected location, expected words
        { "unclosed.yml", "all:\n  hosts:\n    h1:\n      x: [1, 2\n    h2:\n", "unclosed.yml:4:11", "found invalid YAML after this point" },
        { "tabs.yml", "all:\n\thosts:\n", "tabs.yml:2:1", "found invalid YAML (while scanning a mapping, found invalid tab as indentation)" },
        { "badkey.yml", "all:\n  hosts:\n    h1:\n  - x\n", "badkey.yml:4:3", "found invalid YAML (while parsing a block mapping, did not find expected key)" },
        { "quote.yml", "all:\n  hosts:\n    h1:\n      x: \"unterminated\n", "quote.yml:4:10", "found invalid YAML (while scanning a quoted scalar, found unexpected end of stream)" },
        { "shape.yml", "all:\n  hosts: [a, b]\n", "shape.yml:2:10", "found a list for \"hosts\" of group \"all\"; expected a mapping" },
        { "hostval.yml", "g:\n  hosts:\n    h1: just-a-string\n", "hostval.yml:3:9", "found a string as the value of host 'h1'; expected a mapping of host variables" },
        { "twodocs.yml", "g:\n  hosts: {h1: }\n---\nx: 1\n", "twodocs.yml:3:1", "found a second YAML document" },
        { "intname.yml", "all:\n  children:\n    42:\n", "intname.yml:3:5", "found group name 42, which is not a string" },
        { "alias.yml", "g:\n  vars:\n    x: *nope\n", "alias.yml:3:8", "found the alias *nope before any anchor" },
        { "vault.yml", "$ANSIBLE_VAULT;1.1;AES256\n6162\n", "vault.yml", "Attempting to decrypt but no vault secrets found" },
        { "plugin.yml", "plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n", "plugin.yml:1:1", "found the inventory plugin 'amazon.aws.aws_ec2'" },
        { "cycle.yml", "a:\n  children:\n    b:\n      children:\n        a:\n", "cycle.yml:3:5", "found group 'b' as a child of 'a', which creates a recursive dependency loop" },
        { "section.ini", "[web:childs]\nh1\n", "section.ini:1:6", "found section [web:childs] with unknown type 'childs'; expected [web], [web:vars] or [web:children]" },
        { "header.ini", "[web servers]\nh1\n", "header.ini:1:1", "found section header '[web servers]', which is not valid" },
        { "novalue.ini", "[web]\nh1 novalue\n", "novalue.ini:2:4", "found 'novalue' after host 'h1'; expected key=value" },
        { "quote.ini", "[web]\n  h1 x=\"open\n", "quote.ini:2:8", "found an unclosed quote" },
        { "varsline.ini", "[web]\nh1\n[web:vars]\njustaword\n", "varsline.ini:4:1", "found 'justaword' in section [web:vars]; expected key=value" },
        { "child.ini", "[p:children]\nnope\n", "child.ini:2:1", "found group 'nope' in section [p:children], but no section defines it" },
        { "orphanvars.ini", "[ghost:vars]\nx=1\n", "orphanvars.ini:1:1", "found section [ghost:vars] for group 'ghost', which is never defined" },
        { "colon.ini", "[web]\nh1:\n", "colon.ini:2:1", "found host 'h1:' ending in ':'; expected a port number" },
        { "yamlish.ini", "---\n[web]\n", "yamlish.ini:1:1", "found '---', which starts a YAML document" },
        { "priority.ini", "[web]\nh1\n[web:vars]\nansible_group_priority=high\n", "priority.ini:4:1", "found ansible_group_priority = 'high' for group 'web'; expected a whole number" },
        { "alpharange.ini", "[web]\nweb[a:3]\n", "alpharange.ini:2:4", "found host range '[a:3]'; expected numbers ([01:10]) or single letters ([a:f]) on both sides" },
        { "backwards.ini", "[web]\n  fs[3:1].example.net\n", "backwards.ini:2:5", "found host range '[3:1]' whose begin is after its end; expected begin <= end" },
        { "width.ini", "[web]\nweb[01:100]\n", "width.ini:2:4", "found host range '[01:100]' whose begin and end have different widths" },
        { "step.ini", "[web]\nweb[1:9:0]\n", "step.ini:2:4", "found host range '[1:9:0]' with step '0'; expected a positive whole number" },
        { "unclosedrange.ini", "[web]\nweb[1:3\n", "unclosedrange.ini:2:4", "found 'web[1:3' with an unclosed '['" },
        { "alllist.yml", "all: [a, b]\n", "alllist.yml:1:6", "found a list as the definition of group 'all', which is not a valid group definition; expected a mapping with hosts" },
        { "groupstring.yml", "all:\n  hosts: {h1: }\nweb: fs1\n", "groupstring.yml:3:6", "found a string as the definition of group 'web'" },
        { "childlist.yml", "all:\n  children:\n    web:\n      - fs1\n", "childlist.yml:4:7", "found a list as the definition of group 'web'" },
        { "yamlrange.yml", "g:\n  hosts:\n    db[9:2]:\n", "yamlrange.yml:3:7", "found host range '[9:2]' whose begin is after its end" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task InventoryList_BadFile_OneLineErrorWithLocationAndExitCode2(string file, string content, string location, string words)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(file, content);
        var result = await InProcessCli.RunAsync("inventory", "-i", path, "--list");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"ERROR: {dir.Combine(location)}: ", line, StringComparison.Ordinal);
        Assert.Contains(words, line, StringComparison.Ordinal);
        Assert.Matches("found .*expected", line);
    }

    [Fact]
    public async Task InventoryList_BadGroupVarsFile_ErrorPointsIntoThatFile()
    {
        using var dir = new TempDirectory();
        var hosts = dir.Write("hosts.ini", "[web]\nh1\n");
        dir.Write("group_vars/web.yml", "- a\n- b\n");
        var result = await InProcessCli.RunAsync("inventory", "-i", hosts, "--list");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"ERROR: {dir.Combine("group_vars/web.yml")}:1:1: found a list at the top of a variables file; expected a mapping", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--list-hosts", "~web(", "ERROR: pattern:1:1: found '~web(', which is not a valid regular expression")]
    [InlineData("--list-hosts", "web[9]", "ERROR: pattern:1:1: found subscript [9] in 'web[9]', but 'web' matches 3 host(s); expected an index from -3 to 2")]
    [InlineData("--list-hosts", "web:w[1", "ERROR: pattern:1:6: found an unbalanced '['")]
    [InlineData("--host", "w*", "ERROR: --host:1:1: found 3 hosts matching 'w*'; expected exactly one host for --host")]
    [InlineData("--graph", "nosuch", "ERROR: --graph:1:1: found 'nosuch', which is not a group of this inventory")]
    public async Task Inventory_BadPatternOrName_ErrorAndExitCode2(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var hosts = dir.Write("hosts.ini", "[web]\nw[1:3]\n");
        var result = await InProcessCli.RunAsync("inventory", "-i", hosts, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_BadLimit_ErrorNamesLimit()
    {
        using var dir = new TempDirectory();
        var hosts = dir.Write("hosts.ini", "[web]\nw[1:3]\n");
        var result = await InProcessCli.RunAsync("inventory", "-i", hosts, "--list", "-l", "@missing.txt");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("ERROR: --limit:1:1: found '@missing.txt', but there is no such file", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("found no action; expected one of --list, --graph, --host NAME or --list-hosts PATTERN", "inventory", "-i", "hosts.ini")]
    [InlineData("found more than one action", "inventory", "-i", "hosts.ini", "--list", "--graph")]
    [InlineData("no inventory: give -i/--inventory, or set inventory in ansible.cfg", "inventory", "--list")]
    [InlineData("found unknown argument '--bogus'", "inventory", "-i", "hosts.ini", "--list", "--bogus")]
    public async Task Inventory_BadCommandLine_ErrorAndExitCode2(string words, params string[] args)
    {
        using var dir = new TempDirectory();
        var hosts = dir.Write("hosts.ini", "h1\n");
        var result = await InProcessCli.RunAsync(args.Select(a => a == "hosts.ini" ? hosts : a).ToArray());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(words, result.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>A sample of the errors through the real orchestrator executable: exit code, one line, no stack trace.</summary>
public sealed class InventoryExecutableErrorTests
{
    [Fact]
    public async Task InventoryList_MissingFile_NamesThePath()
    {
        using var dir = new TempDirectory();
        var result = await CliRunner.RunAsync(dir.Path, "inventory", "-i", "nope/hosts.ini", "--list");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("ERROR: nope/hosts.ini: found no file or directory at this path; expected an inventory file, a directory of inventory files, or a comma-separated host list such as 'host1,host2,'\n", result.Stderr);
    }

    [Theory]
    [InlineData("bad.yml", "g:\n  hosts:\n    h1: {a: 1\n", "bad.yml:4:1: found invalid YAML")]
    [InlineData("bad.ini", "[web]\nweb[a:3]\n", "bad.ini:2:4: found host range '[a:3]'")]
    public async Task InventoryList_BadFile_ExecutableExitsWith2AndOneLine(string file, string content, string expected)
    {
        using var dir = new TempDirectory();
        dir.Write(file, content);
        var result = await CliRunner.RunAsync(dir.Path, "inventory", "-i", file, "--list");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("ERROR: " + expected, Assert.Single(result.Stderr.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InventoryList_WithVvv_AddsTheStackTrace()
    {
        using var dir = new TempDirectory();
        dir.Write("hosts.ini", "[web]\nweb[3:1]\n");
        var quiet = await CliRunner.RunAsync(dir.Path, "inventory", "-i", "hosts.ini", "--list");
        var verbose = await CliRunner.RunAsync(dir.Path, "inventory", "-i", "hosts.ini", "--list", "-vvv");
        Assert.Equal(2, verbose.ExitCode);
        Assert.DoesNotContain("   at ", quiet.Stderr, StringComparison.Ordinal);
        Assert.Contains("   at Orchestrator.Inventory.", verbose.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("ERROR: hosts.ini:2:4: found host range '[3:1]'", verbose.Stderr, StringComparison.Ordinal);
    }
}
