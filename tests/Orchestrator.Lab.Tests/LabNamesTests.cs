using Orchestrator.Core.Errors;

namespace Orchestrator.Lab.Tests;

public sealed class LabNamesTests
{
    [Fact]
    public void Interfaces_LongestNameAndMostHosts_FitLinuxsFifteenCharacters()
    {
        var names = new LabNames("abcdefghijklmnopqrst");
        Assert.True(names.Bridge.Length <= 15);
        Assert.True(names.Veth(LabNames.HostName(200)).Length <= 15, names.Veth(LabNames.HostName(200)));
        Assert.True(names.Veth(LabNames.HomerName).Length <= 15);
    }

    [Fact]
    public void Names_TwoLabs_ShareNoInterfaceOrNamespace()
    {
        var a = new LabNames("one");
        var b = new LabNames("two");
        Assert.NotEqual(a.InterfacePrefix, b.InterfacePrefix);
        Assert.NotEqual(a.Namespace("fs1"), b.Namespace("fs1"));
        Assert.StartsWith("olab-one-", a.Namespace("fs1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("1starts-with-digit")]
    [InlineData("has space")]
    [InlineData("waytoolongforanamespace")]
    public void Validate_BadName_ThrowsWithWhatIsExpected(string name)
    {
        var ex = Assert.Throws<UserInputException>(() => new LabNames(name));
        Assert.Contains("expected 1-20 characters", ex.Message, StringComparison.Ordinal);
    }
}
