using Orchestrator.Lab.Linux;

namespace Orchestrator.Lab.Tests.Linux;

public sealed class SubnetAllocatorTests
{
    private static Ipv4Prefix P(string text) => Ipv4Prefix.TryParse(text, out var p) ? p : throw new FormatException(text);

    [Fact]
    public void Choose_NothingInUse_ReturnsTheNamesSlotInThePool()
    {
        var chosen = SubnetAllocator.Choose("alpha", []);
        Assert.Equal(SubnetAllocator.Candidate(SubnetAllocator.StartSlot("alpha")), chosen);
        Assert.True(P("10.240.0.0/12").Overlaps(chosen));
        Assert.Equal(24, chosen.Length);
    }

    [Fact]
    public void Choose_CandidateOverlapsARoute_MovesToTheNextFreeSlot()
    {
        var first = SubnetAllocator.Choose("alpha", []);
        var wide = new Ipv4Prefix(first.First, 23); // covers the name's slot and maybe the next one
        var chosen = SubnetAllocator.Choose("alpha", [wide]);
        Assert.False(wide.Overlaps(chosen));
        Assert.NotEqual(first, chosen);
    }

    [Fact]
    public void Choose_OverlappingAddressAsHostRoute_IsSkipped()
    {
        var first = SubnetAllocator.Choose("beta", []);
        var chosen = SubnetAllocator.Choose("beta", [P(first.Address(77) + "/32")]);
        Assert.NotEqual(first, chosen);
    }

    [Fact]
    public void Choose_DefaultRoute_DoesNotCount()
    {
        Assert.Equal(SubnetAllocator.Choose("gamma", []), SubnetAllocator.Choose("gamma", [P("default")]));
    }

    [Fact]
    public void Choose_DifferentNames_UsuallyDifferentSubnets()
    {
        Assert.NotEqual(SubnetAllocator.Choose("lab-a", []), SubnetAllocator.Choose("lab-b", []));
    }

    [Fact]
    public void ParseRoutesAndAddresses_IpJsonOutput_YieldsEveryPrefix()
    {
        const string routes = """
            [{"dst":"default","gateway":"192.0.2.1","dev":"eth0"},{"dst":"192.0.2.0/24","dev":"eth0"},{"type":"local","dst":"192.0.2.2","table":"local"}]
            """;
        const string addresses = """
            [{"ifname":"eth0","addr_info":[{"family":"inet","local":"192.0.2.2","prefixlen":24}]},{"ifname":"lo","addr_info":[]}]
            """;
        Assert.Equal([P("0.0.0.0/0"), P("192.0.2.0/24"), P("192.0.2.2/32")], SubnetAllocator.ParseRoutes(routes));
        Assert.Equal([P("192.0.2.0/24")], SubnetAllocator.ParseAddresses(addresses));
    }
}
