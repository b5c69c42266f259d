using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules;

/// <summary>The example module of docs/modules.md: the doc shows <see cref="FsCliModule"/> as it is, and it works as described.</summary>
public sealed class WritingAModuleTests
{
    private static ModuleRegistry Registry() => ModuleRegistry.CreateDefault().Register(new FsCliModule());

    [Fact]
    public void Doc_ShowsTheExampleFile()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Orchestrator.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Orchestrator.sln not found above the test directory");
        }

        var source = File.ReadAllText(Path.Combine(root, "tests", "Orchestrator.Engine.Tests", "Modules", "FsCliModule.cs"));
        var example = source[source.IndexOf("public sealed class FsCliModule", StringComparison.Ordinal)..].Trim();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "modules.md"));
        var section = doc[doc.IndexOf("# Writing a module", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var shown = section[start..section.IndexOf("```", start, StringComparison.Ordinal)].Trim();
        Assert.Equal(example, shown);
    }

    [Fact]
    public async Task Example_CheckMode_ReadOnlyRunsAndOtherCommandsAreUnknown()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("^fs_cli -x 'show calls count'$", stdout: "0 total.\n");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - {name: count, fs_cli: show calls count}
                - {name: reload, fs_cli: reloadxml}
            """, o =>
        {
            o.Modules = Registry();
            o.Check = true;
        });
        Assert.Equal(TaskOutcome.Ok, run.Result1("count", "h1").Outcome);
        Assert.Equal("0 total.\n", run.Result1("count", "h1").Result!["stdout"]);
        Assert.Equal(TaskOutcome.Unknown, run.Result1("reload", "h1").Outcome);
        Assert.Equal("cannot predict the effect of fs_cli -x reloadxml", run.Result1("reload", "h1").Message);
        Assert.DoesNotContain(h["h1"].Commands, c => c.Contains("reloadxml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Example_Applied_RunsThePlannedCommandAndWritesItsMessage()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("^fs_cli -x reloadxml$", stdout: "+OK [Success]\n");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - {name: reload, fs_cli: reloadxml}\n", o => o.Modules = Registry());
        var result = run.Result1("reload", "h1");
        Assert.Equal(TaskOutcome.Changed, result.Outcome);
        Assert.Equal("ran fs_cli -x reloadxml", result.Message);
        Assert.Equal("+OK [Success]\n", result.Result!["stdout"]);
    }

    [Fact]
    public async Task Example_ModuleException_FailsTheTaskAndTheRunGoesOn()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("^fs_cli ", rc: 127, stderr: "fs_cli: not found");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - {name: reload, fs_cli: reloadxml, ignore_errors: true}
                - {name: after, debug: {msg: still here}}
            """, o => o.Modules = Registry());
        var result = run.Result1("reload", "h1");
        Assert.Equal(TaskOutcome.Failed, result.Outcome);
        Assert.Equal("fs_cli is not installed on h1", result.Message);
        Assert.Equal(TaskOutcome.Ok, run.Result1("after", "h1").Outcome);
    }
}
