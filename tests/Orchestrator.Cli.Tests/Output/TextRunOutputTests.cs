using Orchestrator.Cli.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Cli.Tests.Output;

public sealed class TextRunOutputTests
{
    [Fact]
    public async Task TextOutput_LooksLikeAnsible()
    {
        using var h = new EngineHarness("h1");
        var writer = new StringWriter();
        await h.RunAsync(SamplePlaybooks.ChangeSkipAndLoop, o => o.Output = new TextRunOutput(writer, 0));
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
}
