using System.Text.Json;
using Orchestrator.Cli.Output;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Tests.Fakes;

namespace Orchestrator.Engine.Tests.Output;

public sealed class OutputTests
{
    private const string Playbook = """
        - name: Demo
          hosts: all
          tasks:
            - name: write
              copy: {content: "a\n", dest: /etc/a}
            - name: skip
              debug: msg=x
              when: false
            - name: items
              debug: msg="{{ item }}"
              loop: [one, two]
        """;

    [Fact]
    public async Task TextOutput_LooksLikeAnsible()
    {
        using var h = new EngineHarness("h1");
        var writer = new StringWriter();
        await h.RunAsync(Playbook, o => o.Output = new TextRunOutput(writer, 0));
        var text = writer.ToString();
        Assert.Contains("PLAY [Demo] ****", text, StringComparison.Ordinal);
        Assert.Contains("TASK [write] ****", text, StringComparison.Ordinal);
        Assert.Contains("\nchanged: [h1]\n", text, StringComparison.Ordinal);
        Assert.Contains("\nskipping: [h1]\n", text, StringComparison.Ordinal);
        Assert.Contains("\nok: [h1] => (item=one)\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "h1                         : ok=2    changed=1    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0\n",
            text,
            StringComparison.Ordinal);
        Assert.Equal(80, text.Split('\n').First(l => l.StartsWith("TASK [write]", StringComparison.Ordinal)).Length);
    }

    [Fact]
    public async Task JsonLines_EveryLineParsesAndFollowsTheSchema()
    {
        using var h = new EngineHarness("h1");
        var writer = new StringWriter();
        await h.RunAsync(Playbook, o =>
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

    /// <summary>A module from outside the engine, registered without changing the engine.</summary>
    private sealed class GreetModule : Module<string>
    {
        public override string Name => "greet";

        public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
            .Add("who", ArgumentType.String, required: true)
            .Add(new ArgumentDefinition("token", ArgumentType.String) { Secret = true });

        public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            var r = await context.RunAsync("cat /etc/greeting", cancellationToken);
            var who = context.Arguments.RequireString("who");
            return r.Stdout == who
                ? ModulePlan.NoChange("already greeted")
                : WouldChange($"would greet {who} with {context.Arguments.GetString("token")}", who);
        }

        protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, string who, ModulePlan plan, CancellationToken cancellationToken)
        {
            await context.RunAsync($"greet {who}", cancellationToken);
            return ModuleResult.Change("greeted");
        }
    }

    [Fact]
    public async Task Registry_ExternalModule_ValidatedAtLoadAndRunWithSecretArgumentRedacted()
    {
        using var h = new EngineHarness("h1");
        var registry = ModuleRegistry.CreateDefault().Register(new GreetModule());
        var bad = h.Options("- hosts: all\n  tasks:\n    - greet: {who: bob, whom: x}\n", o => o.Modules = registry);
        var error = Assert.Throws<Core.Errors.UserInputException>(() => PlaybookRunner.SyntaxCheck(bad));
        Assert.Contains("module 'greet' has no argument 'whom'", error.Message, StringComparison.Ordinal);

        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - greet: {who: bob, token: Tok-12345}\n", o =>
        {
            o.Modules = registry;
            o.Check = true;
        });
        var result = run.Result1("greet", "h1");
        Assert.Equal(TaskOutcome.Changed, result.Outcome);
        Assert.Equal("would greet bob with [REDACTED]", result.Message);
        Assert.DoesNotContain(h["h1"].Commands, c => c.StartsWith("greet", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => registry.Register(new GreetModule()));
    }
}
