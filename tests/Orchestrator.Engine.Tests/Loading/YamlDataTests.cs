using Orchestrator.Core.Errors;
using Orchestrator.Engine.Loading;

namespace Orchestrator.Engine.Tests.Loading;

public sealed class YamlDataTests
{
    private static object? Plain(string text) => YamlData.ToPlain(YamlData.Load(text, "f.yml")!, "f.yml");

    [Fact]
    public void MergeKey_MergesTheAnchor()
    {
        var data = (Dictionary<string, object?>)Plain("base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n")!;
        var d = (Dictionary<string, object?>)data["d"]!;
        Assert.Equal(1L, d["x"]);
        Assert.Equal(2L, d["y"]);
        Assert.False(d.ContainsKey("<<"));
    }

    [Fact]
    public void NoMergeKey_AliasesStillResolve()
    {
        var data = (Dictionary<string, object?>)Plain("base: &b [1, 2]\nd: *b\n")!;
        Assert.Equal(new List<object?> { 1L, 2L }, data["d"]);
    }

    [Fact]
    public void MergeKey_AliasBomb_StillRefused()
    {
        // Each level merges the one before it twice: the merged document is far past the readers' limits.
        var text = "a0: &a0 {k: " + new string('x', 1000) + "}\n"
            + string.Join(string.Empty, Enumerable.Range(1, 30).Select(i => $"a{i}: &a{i}\n  <<: [*a{i - 1}]\n  m{i}: *a{i - 1}\n  n{i}: *a{i - 1}\n"));
        Assert.Throws<InputLimitException>(() => YamlData.Load(text, "f.yml"));
    }
}
