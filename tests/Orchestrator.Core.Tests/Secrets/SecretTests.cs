using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Tests.Secrets;

public sealed class SecretTests
{
    [Fact]
    public void Secret_ToString_IsRedacted() =>
        Assert.Equal("[REDACTED]", new Secret("hunter2").ToString());
}
