using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Exec;

/// <summary>
/// <c>orchestrator exec</c> redacts every secret among the selected hosts' variables, not only connection passwords:
/// values under secret names (esl_password, api_token) too. Local hosts, so no lab is needed.
/// </summary>
public sealed class ExecRedactionTests : IDisposable
{
    private const string EslPassword = "esl-secret-5ab2c9";
    private const string ApiToken = "token-secret-77e1d0";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Exec_CommandPrintsValuesOfSecretNamedVariables_OutputIsRedacted(string format)
    {
        var inventory = _temp.Write("inventory.yml", $"""
            all:
              hosts:
                local1:
                  ansible_connection: local
                  esl_password: {EslPassword}
                  app:
                    api_token: {ApiToken}
                  plain_setting: visible-value-31
            """);

        var result = await OrchestratorCli.RunAsync(
            ["exec", "-i", inventory, "-o", format, "--", $"echo {EslPassword}; echo {ApiToken} >&2; echo visible-value-31"]);

        Assert.Equal(0, result.ExitCode);
        var everything = result.Stdout + result.Stderr;
        Assert.DoesNotContain(EslPassword, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiToken, everything, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("visible-value-31", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Exec_CommandPrintsPassNamedAndTransformedSecrets_OutputIsRedacted(string format)
    {
        const string DbPass = "db-pass-e41f07";
        var inventory = _temp.Write("inventory.yml", $"""
            all:
              hosts:
                local1:
                  ansible_connection: local
                  esl_password: {EslPassword}
                  db_pass: {DbPass}
            """);
        var bytes = System.Text.Encoding.UTF8.GetBytes(EslPassword);
        string[] forms = [DbPass, Convert.ToBase64String(bytes), Convert.ToHexStringLower(bytes)];

        var result = await OrchestratorCli.RunAsync(
            ["exec", "-i", inventory, "-o", format, "--", $"echo {DbPass}; printf %s {EslPassword} | base64; printf %s {EslPassword} | od -An -tx1 | tr -d ' \\n'; echo"]);

        Assert.Equal(0, result.ExitCode);
        var everything = result.Stdout + result.Stderr;
        Assert.All(forms, f => Assert.DoesNotContain(f, everything, StringComparison.Ordinal));
        Assert.Contains("[REDACTED]", result.Stdout, StringComparison.Ordinal);
    }
}
