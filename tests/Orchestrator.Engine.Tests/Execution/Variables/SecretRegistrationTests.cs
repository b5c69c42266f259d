using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary>Secrets a run learns from the inventory, by name, and printed in a transformed form, never reach its events.</summary>
public sealed class SecretRegistrationTests
{
    [Fact]
    public async Task Debug_SecretsOfALocalHostPlainAndTransformed_AreRedacted()
    {
        using var h = EngineHarness.WithInventory("""
            all:
              hosts:
                h1:
                  ansible_connection: local
                  ansible_password: Local-login-pw
                  ansible_become_pass: Local-become-pw
                  db_pass: Db-pass-value
                  esl_password: "Esl/Secret+pw?"
            """);
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - name: plain
                  debug: msg="{{ ansible_password }} {{ ansible_become_pass }} {{ db_pass }}"
                - name: base64
                  debug: msg="{{ esl_password | b64encode }}"
            """);

        Assert.Equal("[REDACTED] [REDACTED] [REDACTED]", run.Result1("plain", "h1").Message);
        Assert.Equal("[REDACTED]", run.Result1("base64", "h1").Message);
    }
}
