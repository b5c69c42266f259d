using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Tests.Templating;

/// <summary>
/// The template engine decrypts the vault values an evaluation reads in parallel, and only those: an unused value
/// (or one in a branch not taken) derives no key, and a wrong password still names the first value read.
/// </summary>
public sealed class SecretPrefetchTests
{
    private static readonly SourceLocation Here = new("play.yml", 9, 5);
    private static readonly VaultSecret Password = new(VaultSecret.DefaultLabel, Encoding.UTF8.GetBytes("prefetch-pw"));

    private readonly VaultDecryptor _vault = new([Password], new SecretRedactor());

    [Fact]
    public void Render_TwoOfAThousandVaultValuesUsed_DerivesTwoKeys()
    {
        var vars = UnusableValues(1000);
        vars["v17"] = Inline("seventeen", 18);
        vars["v500"] = Inline("five hundred", 501);
        var engine = new TemplateEngine(_vault.Redactor);

        Assert.Equal("seventeen-five hundred", engine.Render("{{ v17 ~ '-' ~ v500 }}", new DictionarySource(vars), Here));
        Assert.Equal(2, _vault.KeyDerivations);
    }

    [Theory]
    [InlineData("{{ used if flag else unused }}")]
    [InlineData("{{ unused if not flag else used }}")]
    [InlineData("{{ used if (flag or unused) else unused }}")]
    [InlineData("{{ used if not (not flag and unused) else unused }}")]
    [InlineData("{{ if flag }}{{ used }}{{ else }}{{ unused }}{{ end }}")]
    [InlineData("{{ for x in [] }}{{ unused }}{{ end }}{{ used }}")]
    [InlineData("{{ holder.used }}")]
    [InlineData("{{ holder['used'] }}")]
    [InlineData("{{ via_template }}")]
    public void Render_ValueInABranchNotTakenOrAKeyNotRead_IsNotDecrypted(string text)
    {
        var vars = UnusableValues(0);
        vars["flag"] = true;
        vars["used"] = Inline("the-used-value", 2);
        vars["unused"] = Unusable(3);
        vars["holder"] = new Dictionary<string, object?> { ["used"] = vars["used"], ["unused"] = Unusable(4) };
        vars["via_template"] = "{{ used if flag else unused }}";
        var engine = new TemplateEngine(_vault.Redactor);

        Assert.Equal("the-used-value", engine.RenderText(text, new DictionarySource(vars), Here));
        Assert.Equal(1, _vault.KeyDerivations);
    }

    [Fact]
    public void Render_ValuesReadThroughAVariableThatIsATemplate_AreDecryptedBeforeItIsRendered()
    {
        var vars = UnusableValues(0);
        var secrets = Enumerable.Range(0, 4).Select(i => new Secret(ConcurrentReveal($"value-{i}"))).ToList();
        for (var i = 0; i < secrets.Count; i++)
        {
            vars[$"s{i}"] = secrets[i];
        }

        vars["joined"] = "{{ [s0, s1, s2, s3] | join(',') }}";
        var engine = new TemplateEngine(new SecretRedactor());

        Assert.Equal("value-0,value-1,value-2,value-3", engine.EvaluateExpression("joined", new DictionarySource(vars), Here));
        Assert.Equal(Math.Min(2, Environment.ProcessorCount), _maxConcurrent);
    }

    [Fact]
    public void Render_ManyValues_DecryptsOnEveryCoreAndNoMore()
    {
        var vars = UnusableValues(0);
        var names = Enumerable.Range(0, 24).Select(i => $"s{i}").ToList();
        foreach (var name in names)
        {
            vars[name] = new Secret(ConcurrentReveal(name + "-value"));
        }

        var engine = new TemplateEngine(new SecretRedactor());
        var joined = engine.Render($"{{{{ [{string.Join(", ", names)}] | join(',') }}}}", new DictionarySource(vars), Here);

        Assert.Equal(string.Join(",", names.Select(n => n + "-value")), joined);
        Assert.Equal(Math.Min(2, Environment.ProcessorCount), _maxConcurrent);
        Assert.True(_everConcurrent <= Environment.ProcessorCount, $"{_everConcurrent} decryptions at once on {Environment.ProcessorCount} cores");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(19)]
    public void Render_WrongPassword_NamesTheFirstValueReadEveryTime(int firstBad)
    {
        var vars = UnusableValues(0);
        for (var i = 0; i < 20; i++)
        {
            vars[$"v{i}"] = i < firstBad ? Inline($"good-{i}", i + 1) : Unusable(i + 1);
        }

        var text = $"{{{{ [{string.Join(", ", Enumerable.Range(0, 20).Select(i => $"v{i}"))}] | join(',') }}}}";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var engine = new TemplateEngine(_vault.Redactor);
            var error = Assert.Throws<UserInputException>(() => engine.Render(text, new DictionarySource(vars), Here));
            Assert.Contains($"on vars.yml:{firstBad + 1}:", error.Message, StringComparison.Ordinal);
            Assert.StartsWith("Decryption failed", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EvaluateCondition_ReadsTheVaultValuesOfTheCondition_InParallel()
    {
        var vars = UnusableValues(0);
        vars["a"] = new Secret(ConcurrentReveal("x"));
        vars["b"] = new Secret(ConcurrentReveal("x"));
        vars["c"] = Unusable(7);
        var engine = new TemplateEngine(new SecretRedactor());

        Assert.True(engine.EvaluateCondition("a == b or c == 'x'", new DictionarySource(vars), Here));
        Assert.Equal(Math.Min(2, Environment.ProcessorCount), _maxConcurrent);
        Assert.Equal(0, _vault.KeyDerivations);
    }

    private int _active;
    private int _maxConcurrent;
    private int _everConcurrent;

    /// <summary>
    /// A reveal that waits (up to 10 s) until another one runs at the same time, or until it is alone on a
    /// one-core machine: revealed one after another, every wait times out and <see cref="_maxConcurrent"/> stays 1.
    /// </summary>
    private Func<string> ConcurrentReveal(string value) => () =>
    {
        var now = Interlocked.Increment(ref _active);
        InterlockedMax(ref _everConcurrent, now);
        SpinWait.SpinUntil(() => Volatile.Read(ref _active) >= Math.Min(2, Environment.ProcessorCount), TimeSpan.FromSeconds(10));
        InterlockedMax(ref _maxConcurrent, Volatile.Read(ref _active));
        Thread.Sleep(20);
        Interlocked.Decrement(ref _active);
        return value;
    };

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private Secret Inline(string value, int line) =>
        _vault.InlineSecret(VaultDecryptor.Encrypt(Encoding.UTF8.GetBytes(value), Password), new SourceLocation("vars.yml", line, 7));

    /// <summary>A well-formed envelope with its own salt that no password opens: decrypting it derives a key, then fails.</summary>
    private Secret Unusable(int line) =>
        _vault.InlineSecret(
            new VaultEnvelope { Version = "1.1", Salt = RandomNumberGenerator.GetBytes(32), Hmac = RandomNumberGenerator.GetBytes(32), Ciphertext = RandomNumberGenerator.GetBytes(16) }.Format(),
            new SourceLocation("vars.yml", line, 7));

    private Dictionary<string, object?> UnusableValues(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"v{i}", i => (object?)Unusable(i + 1), StringComparer.Ordinal);
}
