namespace Orchestrator.Inventory.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Secret_ToString_IsRedacted() =>
        Assert.Equal("[REDACTED]", new Orchestrator.Core.Secrets.Secret("hunter2").ToString());
}
