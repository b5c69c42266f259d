using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Tests.Placement;

public sealed class PortSetTests
{
    [Fact]
    public void Parse_KernelList_MergesAndSorts()
    {
        var set = PortSet.Parse("30000, 20000-20100,20101-20110,5060");
        Assert.Equal("5060,20000-20110,30000", set.ToString());
        Assert.Equal(1 + 111 + 1, set.Count);
    }

    [Fact]
    public void Parse_Empty_IsEmptySet()
    {
        Assert.True(PortSet.Parse("").IsEmpty);
        Assert.True(PortSet.Parse("\n").IsEmpty);
    }

    [Theory]
    [InlineData("20000-")]
    [InlineData("abc")]
    [InlineData("70000")]
    [InlineData("20100-20000")]
    public void Parse_Garbage_Throws(string text) => Assert.Throws<FormatException>(() => PortSet.Parse(text));

    [Fact]
    public void Covers_RangeInsideReserved_True()
    {
        var reserved = PortSet.Parse("1000-1999,20000-20100");
        Assert.True(reserved.Covers(new PortRange(20000, 20100)));
        Assert.False(reserved.Covers(new PortRange(20000, 20101)));
        Assert.False(reserved.Covers(new PortRange(1999, 2000)));
    }

    [Fact]
    public void Except_CutsHolesOut()
    {
        var result = PortSet.Except(PortSet.Of(new PortRange(100, 200)), PortSet.Parse("90-110,150,190-300"));
        Assert.Equal("111-149,151-189", result.ToString());
    }

    [Fact]
    public void Intersect_ClipsToRange()
    {
        Assert.Equal("20000-20100", PortSet.Of(new PortRange(16384, 32769)).Intersect(new PortRange(20000, 20100)).ToString());
        Assert.True(PortSet.Of(new PortRange(40000, 60999)).Intersect(new PortRange(16384, 32769)).IsEmpty);
    }
}
