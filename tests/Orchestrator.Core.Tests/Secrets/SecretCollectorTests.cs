using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Tests.Secrets;

public sealed class SecretCollectorTests
{
    [Theory]
    [InlineData("ansible_password", true)]
    [InlineData("esl_password", true)]
    [InlineData("api_token", true)]
    [InlineData("ApiKey", true)]
    [InlineData("ssh_passphrase", true)]
    [InlineData("client_secret", true)]
    [InlineData("ansible_ssh_private_key_file", false)]
    [InlineData("password_file", false)]
    [InlineData("rtp_start_port", false)]
    public void IsSecretName_ByName(string name, bool expected) =>
        Assert.Equal(expected, SecretNames.IsSecretName(name));

    [Fact]
    public void AddVariables_SecretNamesWholeAndSecretTypesAtAnyDepth_OthersNot()
    {
        var redactor = new SecretRedactor();
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["esl_password"] = "ClueCon42",
            ["tokens"] = new List<object?> { "not-a-secret-by-name" },
            ["nested"] = new Dictionary<string, object?> { ["inner"] = new List<object?> { new Secret("deep-secret") } },
            ["plain"] = "visible-value",
            ["templated_token"] = "{{ vault_token }}",
        };

        SecretCollector.AddVariables(redactor, variables, deferred: v => v is string s && s.Contains("{{", StringComparison.Ordinal));

        Assert.Equal(
            "[REDACTED] [REDACTED] visible-value {{ vault_token }}",
            redactor.Redact("ClueCon42 deep-secret visible-value {{ vault_token }}"));
    }

    [Fact]
    public void AddVariables_ExtraSecretNames_AreSecretToo()
    {
        var redactor = new SecretRedactor();

        SecretCollector.AddVariables(redactor, [KeyValuePair.Create<string, object?>("homer_id", "hep-4711")], alsoSecret: n => n == "homer_id");

        Assert.Equal("id [REDACTED]", redactor.Redact("id hep-4711"));
    }

    [Fact]
    public void AddValue_ListsAndMappings_AddEveryString()
    {
        var redactor = new SecretRedactor();

        SecretCollector.AddValue(redactor, new List<object?> { "first-secret", new Dictionary<string, object?> { ["k"] = "second-secret" }, 42L });

        Assert.Equal("[REDACTED] [REDACTED] 42", redactor.Redact("first-secret second-secret 42"));
    }
}
