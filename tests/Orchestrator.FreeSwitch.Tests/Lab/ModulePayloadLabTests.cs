using Orchestrator.Engine.Output;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Lab;

public sealed class PayloadLabFixture : FsLab
{
    public PayloadLabFixture()
        : base("fspay", 1)
    {
    }
}

/// <summary>
/// No data through a shell parser, on a real host: every argument of every module (the table in
/// <see cref="ModulePayloads"/>) gets a value made to run <c>touch MARKER</c> if any shell parsed it as code (quotes,
/// <c>$()</c>, backticks, <c>;</c>, a newline, a leading <c>-</c>), as root through sudo, in a real and a check run.
/// No marker may appear, on the host or on the controller.
/// </summary>
[Collection(FsLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class ModulePayloadLabTests(PayloadLabFixture fixture) : IClassFixture<PayloadLabFixture>, IDisposable
{
    private const string Scratch = "/tmp/orch-payload";

    private readonly TempDirectory _dir = new("orch-payload-");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryModuleArgument_Payload_NeverRunsOnTheHostOrTheController(bool check)
    {
        var host = fixture.Host(0).Name;
        var prefix = $"/tmp/orch-pwned-{Guid.NewGuid():N}";
        await fixture.InHostAsync(host, $"mkdir -p {Scratch} && echo x > {Scratch}/exists && printf '<a><b/></a>\\n' > {Scratch}/x.xml");
        File.WriteAllText(Path.Combine(_dir.Path, "t.j2"), "x={{ 1 }}\n");
        var cases = ModulePayloads.Cases(FreeSwitchModules.CreateRegistry(), Scratch, _dir.Path);
        var (playbook, variables) = ModulePayloads.Playbook(cases, host, prefix, become: true);
        var path = Path.Combine(_dir.Path, "site.yml");
        File.WriteAllText(path, playbook);

        var (_, output) = await PlaybookHarness.RunAsync(path, fixture.Lab.InventoryPath, check: check, extraVars: variables);

        var fed = cases.Where(c => c.Task is not null).ToList();
        Assert.Equal(fed.Where(c => c.Module != "meta").Select(c => c.ToString()), output.Results.Select(r => r.Task));
        var onHost = await fixture.InHostAsync(host, $"for f in {prefix}-*; do if [ -e \"$f\" ]; then echo \"$f\"; fi; done");
        Assert.True(onHost.Length == 0, "payloads ran on the host:\n" + onHost);
        var onController = fed.Select(c => ModulePayloads.Marker(prefix, c.Index)).Where(File.Exists).ToList();
        Assert.True(onController.Count == 0, "payloads ran on the controller:\n" + string.Join("\n", onController));

        // Each task worked on the literal value or failed with a message, never with a stack trace.
        Assert.All(output.Results.Where(r => r.Outcome == TaskOutcome.Failed), r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Message), r.Task);
            Assert.DoesNotContain("   at ", r.Message, StringComparison.Ordinal);
        });

        // Not vacuous: the value reached the host's touch literally, as one argument (which names a missing directory).
        var touch = cases.Single(c => c.ToString() == "file.path");
        var result = output.Results.Single(r => r.Task == "file.path");
        if (check)
        {
            Assert.Equal(TaskOutcome.Changed, result.Outcome);
        }
        else
        {
            Assert.Equal(TaskOutcome.Failed, result.Outcome);
            Assert.Contains($"$(touch {ModulePayloads.Marker(prefix, touch.Index)})", result.Message, StringComparison.Ordinal);
        }
    }
}
