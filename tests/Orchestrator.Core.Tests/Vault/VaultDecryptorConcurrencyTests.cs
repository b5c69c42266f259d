using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;

namespace Orchestrator.Core.Tests.Vault;

/// <summary>Inline vault values decrypt in parallel (the template engine's prefetch); the key cache must hold then.</summary>
public sealed class VaultDecryptorConcurrencyTests
{
    [Fact]
    public void DecryptValue_SameEnvelopeOnManyThreadsAtOnce_DerivesItsKeyOnce()
    {
        var password = new VaultSecret(VaultSecret.DefaultLabel, "concurrent-pw"u8.ToArray());
        var vault = new VaultDecryptor([password], new SecretRedactor());
        const int Threads = 8;
        for (var round = 1; round <= 3; round++)
        {
            var text = VaultDecryptor.Encrypt(Encoding.UTF8.GetBytes($"round-{round}"), password);
            using var start = new Barrier(Threads);
            var results = new string[Threads];
            var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                results[i] = vault.DecryptValue(text, new SourceLocation("vars.yml", round, 1));
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.All(results, r => Assert.Equal($"round-{round}", r));
            Assert.Equal(round, vault.KeyDerivations);
        }
    }

    [Fact]
    public void InlineSecret_RevealedOnManyThreadsAtOnce_DecryptsOnceAndRegistersWithTheRedactor()
    {
        var password = new VaultSecret(VaultSecret.DefaultLabel, "concurrent-pw"u8.ToArray());
        var redactor = new SecretRedactor();
        var vault = new VaultDecryptor([password], redactor);
        var secret = vault.InlineSecret(VaultDecryptor.Encrypt("inline-value"u8.ToArray(), password), new SourceLocation("vars.yml", 1, 1));
        var results = new string[8];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, i => results[i] = secret.Reveal());

        Assert.All(results, r => Assert.Equal("inline-value", r));
        Assert.Equal(1, vault.KeyDerivations);
        Assert.Equal(Secret.Redacted, redactor.Redact("inline-value"));
    }
}
