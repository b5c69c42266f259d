using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Loading;

namespace Orchestrator.Engine.Tests.Loading;

public sealed class RoleCacheKeyTests
{
    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    [Fact]
    public void EqualParts_EqualKeys()
    {
        Assert.Equal(
            RoleCacheKey.Of("web", Map(("port", 80L), ("hosts", new List<object?> { "a", "b" })), new[] { "x" }),
            RoleCacheKey.Of("web", Map(("port", 80L), ("hosts", new List<object?> { "a", "b" })), new[] { "x" }));
    }

    [Theory]
    [InlineData("ab", "c", "a", "bc")]
    [InlineData("1", null, "n", null)]
    [InlineData("]", "", "", "]")]
    public void DifferentStrings_DifferentKeys(string? a1, string? a2, string? b1, string? b2) =>
        Assert.NotEqual(RoleCacheKey.Of(a1, a2), RoleCacheKey.Of(b1, b2));

    [Fact]
    public void TypesAreApart()
    {
        Assert.NotEqual(RoleCacheKey.Of(Map(("p", 1L))), RoleCacheKey.Of(Map(("p", "1"))));
        Assert.NotEqual(RoleCacheKey.Of(Map(("p", true))), RoleCacheKey.Of(Map(("p", "T"))));
        Assert.NotEqual(RoleCacheKey.Of(new List<object?> { "p", 1L }), RoleCacheKey.Of(Map(("p", 1L))));
    }

    [Fact]
    public void VaultedValues_ApartByValue_ValueNotInTheKey()
    {
        var one = RoleCacheKey.Of(Map(("password", new Secret("hunter2"))));
        Assert.Equal(one, RoleCacheKey.Of(Map(("password", new Secret("hunter2")))));
        Assert.NotEqual(one, RoleCacheKey.Of(Map(("password", new Secret("hunter3")))));
        Assert.DoesNotContain("hunter2", one, StringComparison.Ordinal);
    }
}
