using System.Text;
using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Tests.Secrets;

public sealed class SecretRedactorTests
{
    private const string Value = "Clue/Con+ 9?ü";

    public static TheoryData<string, string> TransformedForms()
    {
        var bytes = Encoding.UTF8.GetBytes(Value);
        var base64 = Convert.ToBase64String(bytes);
        return new TheoryData<string, string>
        {
            { "plain", Value },
            { "base64", base64 },
            { "base64 without padding", base64.TrimEnd('=') },
            { "URL-safe base64", base64.Replace('+', '-').Replace('/', '_') },
            { "URL-safe base64 without padding", base64.Replace('+', '-').Replace('/', '_').TrimEnd('=') },
            { "URL-encoded", Uri.EscapeDataString(Value) },
            { "form-encoded", System.Net.WebUtility.UrlEncode(Value) },
            { "hex", Convert.ToHexStringLower(bytes) },
            { "HEX", Convert.ToHexString(bytes) },
        };
    }

    [Theory]
    [MemberData(nameof(TransformedForms))]
    public void Redact_TransformedFormOfAKnownSecret_IsRedacted(string form, string text)
    {
        var redactor = new SecretRedactor();
        redactor.Add(new Secret(Value));

        var redacted = redactor.Redact($"msg: {text} end");

        Assert.True(redacted == "msg: [REDACTED] end", $"{form}: {redacted}");
    }

    [Fact]
    public void Forms_OfASecret_DifferFromOneAnother()
    {
        // Guards the theory above: each form really is a different text (a form equal to the plain value proves nothing).
        var texts = TransformedForms().Select(row => (string)row[1]).ToList();

        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Redact_ContainedSecrets_LongestIsReplacedWhole()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abc");
        redactor.Add("abcdef");

        Assert.Equal("[REDACTED] [REDACTED]", redactor.Redact("abcdef abc"));
    }

    [Fact]
    public void Redact_ShortValues_AreNotRegistered()
    {
        var redactor = new SecretRedactor();
        redactor.Add("ab");

        Assert.Equal("ab cd", redactor.Redact("ab cd"));
    }
}
