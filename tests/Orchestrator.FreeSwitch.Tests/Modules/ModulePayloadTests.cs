using Orchestrator.Engine.Output;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.FreeSwitch.Tests.Modules;

/// <summary>
/// Every argument of every module, fed a hostile value, through a fake transport: no value is ever part of a script's
/// text; it travels as a positional parameter (the lab test runs the same cases on a real host).
/// </summary>
public sealed class ModulePayloadTests
{
    private const string MarkerPrefix = "/tmp/orch-pwned-fast";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryModuleArgument_PayloadNeverInScriptText(bool check)
    {
        using var dir = new TempDirectory("orch-payload-");
        File.WriteAllText(Path.Combine(dir.Path, "t.j2"), "x={{ 1 }}\n");
        var inventory = Path.Combine(dir.Path, "hosts.yml");
        File.WriteAllText(inventory, "all:\n  hosts:\n    h1: {}\n");
        var cases = ModulePayloads.Cases(FreeSwitchModules.CreateRegistry(), "/srv/scratch", dir.Path);
        var (playbook, variables) = ModulePayloads.Playbook(cases, "all", MarkerPrefix);
        var path = Path.Combine(dir.Path, "site.yml");
        File.WriteAllText(path, playbook);
        var connector = new FakeConnector();
        connector["h1"].AddFile("/srv/scratch/exists", "x\n");
        connector["h1"].AddFile("/srv/scratch/x.xml", "<a><b/></a>\n");

        var (_, output) = await PlaybookHarness.RunAsync(path, inventory, check: check, extraVars: variables, connector: connector);

        var fed = cases.Where(c => c.Task is not null).ToList();
        // Every task ran and reported (meta is handled by the play itself and reports no result).
        Assert.Equal(fed.Where(c => c.Module != "meta").Select(c => c.ToString()), output.Results.Select(r => r.Task));
        var received = connector["h1"].Received.ToList();
        Assert.NotEmpty(received);
        var leaks = new List<string>();
        foreach (var c in fed.Where(c => !ModulePayloads.QuotedInFreeSwitchScripts.Contains(c.Argument)))
        {
            var marker = ModulePayloads.Marker(MarkerPrefix, c.Index);
            leaks.AddRange(received.Where(r => r.CommandText.Contains(marker + ")", StringComparison.Ordinal)).Select(r => $"{c}: {r.CommandText}"));
        }

        Assert.True(leaks.Count == 0, "values in script text:\n" + string.Join("\n", leaks));
        // Not vacuous: the values that reach a shell did reach it, as arguments.
        var asArguments = fed
            .Where(c => received.Any(r => r.Arguments.Any(a => a.Contains(ModulePayloads.Payload(ModulePayloads.Marker(MarkerPrefix, c.Index)), StringComparison.Ordinal))))
            .Select(c => c.ToString());
        Assert.Subset(asArguments.ToHashSet(), ReachAsArguments(check));
    }

    /// <summary>
    /// Cases whose value reaches a remote command (the others fail validation first, e.g. a unit name or host starting
    /// with <c>-</c>, or travel by upload/download).
    /// </summary>
    private static HashSet<string> ReachAsArguments(bool check)
    {
        HashSet<string> probes =
        [
            "command.creates", "command.removes", "shell.creates", "shell.removes", "copy.dest", "template.dest", "file.path",
            "sysctl.sysctl_file", "wait_for.path", "wait_for.search_regex",
        ];
        if (!check)
        {
            probes.UnionWith(["command.argv", "command.chdir", "shell.chdir", "shell.executable", "file.owner", "file.group"]);
        }

        return probes;
    }

    [Fact]
    public void EveryModule_IsListed_AndEveryArgumentFedOrSkippedWithAReason()
    {
        var registry = FreeSwitchModules.CreateRegistry();
        var cases = ModulePayloads.Cases(registry, "/s", "/c");

        Assert.Equal(
            registry.Modules.SelectMany(m => m.Arguments.All.Select(a => $"{m.Name}.{a.Name}")).Order(StringComparer.Ordinal),
            cases.Select(c => c.ToString()).Order(StringComparer.Ordinal));
        Assert.All(cases, c => Assert.True(c.Task is not null ^ c.SkipReason is not null, c.ToString()));
        Assert.Equal(ModulePayloads.CodeByDesign.Keys.Order(StringComparer.Ordinal), cases.Where(c => c.Task is null).Select(c => c.ToString()).Order(StringComparer.Ordinal));
    }
}
