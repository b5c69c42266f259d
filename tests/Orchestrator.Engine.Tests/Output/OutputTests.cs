using System.Text.Json;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Output;

public sealed class OutputTests
{
    [Fact]
    public async Task JsonLines_EveryLineParsesAndFollowsTheSchema()
    {
        using var h = new EngineHarness("h1");
        var writer = new StringWriter();
        await h.RunAsync(SamplePlaybooks.ChangeSkipAndLoop, o =>
        {
            o.Output = new JsonLinesRunOutput(writer);
            o.Check = true;
        });
        var events = writer.ToString().TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["playbook_start", "play_start", "task_start", "task_result", "task_start", "task_result", "task_start", "item_result", "item_result", "task_result", "recap"],
            events.Select(e => e.GetProperty("type").GetString()).ToList());
        var write = events[3];
        Assert.Equal("changed", write.GetProperty("status").GetString());
        Assert.Equal("h1", write.GetProperty("host").GetString());
        Assert.Equal("/etc/a", write.GetProperty("result").GetProperty("dest").GetString());
        var recap = events[^1];
        Assert.True(recap.GetProperty("check").GetBoolean());
        Assert.Equal(1, recap.GetProperty("hosts").GetProperty("h1").GetProperty("changed").GetInt32());
        Assert.Equal(0, recap.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public void DiffRenderer_ShowsContextNotWholeFile_AndAttributes()
    {
        var before = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 15\n", "line fifteen\n", StringComparison.Ordinal);
        var diff = DiffRenderer.Render([new ModuleDiff("/etc/x") { Before = before, After = after, HasContent = true, AttributeChanges = ["mode: 0644 -> 0600"] }])!;
        Assert.StartsWith("--- before: /etc/x\n+++ after: /etc/x\n@@ -12,7 +12,7 @@\n", diff, StringComparison.Ordinal);
        Assert.Contains("-line 15\n+line fifteen\n", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("line 1\n", diff, StringComparison.Ordinal);
        Assert.EndsWith("  mode: 0644 -> 0600\n", diff, StringComparison.Ordinal);
    }
}
