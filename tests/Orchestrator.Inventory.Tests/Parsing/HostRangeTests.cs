using Orchestrator.Core.Input;
using Orchestrator.Inventory.Parsing;

namespace Orchestrator.Inventory.Tests.Parsing;

public sealed class HostRangeTests
{
    [Fact]
    public void Expand_AtTheHostLimit_ExpandsEveryName()
    {
        var hosts = HostRange.Expand($"fs[1:{ReaderLimits.MaxHosts}]");
        Assert.Equal(ReaderLimits.MaxHosts, hosts.Count);
        Assert.Equal($"fs{ReaderLimits.MaxHosts}", hosts[^1]);
    }

    [Theory]
    [InlineData("fs[1:1000000]", 2, "1,000,000 hosts")]
    [InlineData("fs[0:99999999999999999999999]", 2, "100,000,000,000,000,000,000,000 hosts")]
    [InlineData("a[1:1000]-b[1:1000]", 11, "1,000,000 hosts")]
    [InlineData("x[a:z]y[a:z]z[a:z]w[a:j]", 19, "175,760 hosts")]
    public void Expand_PastTheHostLimit_ErrorAtTheRangeThatPassesIt(string pattern, int offset, string words)
    {
        var error = Assert.Throws<HostRangeException>(() => HostRange.Expand(pattern));
        Assert.Equal(offset, error.Offset);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }
}
