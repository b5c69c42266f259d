using Orchestrator.Cli.Output;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Errors;

namespace Orchestrator.Cli.Tests;

/// <summary>The one place exceptions become a message: it prints nothing the invocation knows to be secret.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CliApplicationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReportFailure_MessageQuotingASecret_IsRedacted(bool userInput)
    {
        var secrets = CliSecrets.Begin();
        secrets.Add("Hunter-secret-7");
        Exception ex = userInput ? new UserInputException("ansible_port 'Hunter-secret-7': expected a number") : new InvalidOperationException("connect failed with Hunter-secret-7");
        var stderr = Console.Error;
        using var captured = new StringWriter();
        try
        {
            Console.SetError(captured);
            CliApplication.ReportFailure(ex, showStack: true, secrets);
        }
        finally
        {
            Console.SetError(stderr);
        }

        Assert.DoesNotContain("Hunter-secret-7", captured.ToString(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", captured.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CommandTransport_InAnInvocation_SharesTheInvocationsRedactor()
    {
        var secrets = CliSecrets.Begin();

        var transport = new global::Orchestrator.Cli.Commands.CommandTransport(new global::Orchestrator.Cli.Commands.Exec.ExecCommand.Settings(), NoConfiguration(), TextWriter.Null, verbose: false, TimeProvider.System);

        Assert.Same(secrets, transport.Redactor);
    }

    private static global::Orchestrator.Core.Configuration.AnsibleConfiguration NoConfiguration() =>
        global::Orchestrator.Core.Configuration.AnsibleConfigurationLoader.Load(
            new global::Orchestrator.Core.Configuration.ConfigEnvironment(_ => null, "/nonexistent", "/nonexistent"),
            systemPath: "/nonexistent/ansible.cfg");
}
