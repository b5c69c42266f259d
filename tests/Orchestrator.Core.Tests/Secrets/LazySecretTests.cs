using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Tests.Secrets;

public sealed class LazySecretTests
{
    [Fact]
    public void LazySecret_IsComputedOnFirstReveal_AndARedactorLearnsItThen()
    {
        var calls = 0;
        var secret = new Secret(() =>
        {
            calls++;
            return "late-value";
        });
        var redactor = new SecretRedactor();
        redactor.Add(secret);
        Assert.Equal(0, calls);
        Assert.Equal("late-value", redactor.Redact("late-value"));

        Assert.Equal("late-value", secret.Reveal());
        Assert.Equal(1, calls);
        Assert.Equal("[REDACTED]", redactor.Redact("late-value"));
        Assert.Equal("late-value", secret.Reveal());
        Assert.Equal(1, calls);
    }
}
