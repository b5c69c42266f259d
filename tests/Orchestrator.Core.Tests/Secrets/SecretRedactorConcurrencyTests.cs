using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Tests.Secrets;

/// <summary>Vault values decrypted in parallel register with the redactor from several threads at once.</summary>
public sealed class SecretRedactorConcurrencyTests
{
    [Fact]
    public void Add_FromManyThreadsWhileRedacting_KnowsEveryValueAndReplacesTheLongestWhole()
    {
        var redactor = new SecretRedactor();
        var values = Enumerable.Range(0, 2000).Select(i => $"secret-{i:D4}").ToList();

        Parallel.ForEach(values, new ParallelOptions { MaxDegreeOfParallelism = 8 }, value =>
        {
            redactor.Add(value);
            redactor.Add(value + "-longer");
            _ = redactor.Redact("some output " + value);
        });

        Assert.All(values, v => Assert.Equal($"a {Secret.Redacted} b", redactor.Redact($"a {v} b")));
        Assert.All(values, v => Assert.Equal($"a {Secret.Redacted} b", redactor.Redact($"a {v}-longer b")));
    }
}
