using Orchestrator.Core.Errors;
using Orchestrator.Lab.Linux;

namespace Orchestrator.Lab.Tests.Linux;

public sealed class RootCheckTests
{
    [Fact]
    public void EnsureRoot_NonRootUid_ThrowsUserInputExceptionSayingRootIsNeeded()
    {
        var ex = Assert.Throws<UserInputException>(() => RootCheck.EnsureRoot("up", 1000));
        Assert.Contains("`lab up` needs root", ex.Message, StringComparison.Ordinal);
        Assert.Contains("effective uid is 1000", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.ExitCode);
    }

    [Fact]
    public void EnsureRoot_Root_DoesNotThrow() => RootCheck.EnsureRoot("down", 0);
}
