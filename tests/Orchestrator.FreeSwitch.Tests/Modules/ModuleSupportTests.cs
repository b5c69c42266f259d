using Orchestrator.Engine.Output;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.FreeSwitch.Tests.Modules;

/// <summary>The ESL host and password reach the host on stdin, one per line: anything else is the task's error, never the run's end.</summary>
public sealed class ModuleSupportTests
{
    [Theory]
    [InlineData("esl_host", "127.0.0.1\nsecond line", "'esl_host' (or freeswitch_esl_host) must be a DNS name, an IPv4 or an IPv6 address")]
    [InlineData("esl_host", "$(touch /tmp/x)", "'esl_host' (or freeswitch_esl_host) must be a DNS name, an IPv4 or an IPv6 address")]
    [InlineData("esl_password", "pw\nsecond line", "'esl_password' (or freeswitch_esl_password) must be one line without control characters")]
    public async Task EslEndpoint_NotOnePlainLine_TaskFailsWithTheReason_NothingSent(string argument, string value, string expected)
    {
        using var dir = new TempDirectory("orch-fs-");
        var inventory = Path.Combine(dir.Path, "hosts.yml");
        File.WriteAllText(inventory, "all:\n  hosts:\n    fs1: {}\n");
        var playbook = Path.Combine(dir.Path, "site.yml");
        var endpoint = new Dictionary<string, string> { ["esl_host"] = "127.0.0.1", ["esl_port"] = "8021", ["esl_password"] = "pw" };
        endpoint[argument] = "\"{{ v }}\"";
        File.WriteAllText(
            playbook,
            $"- hosts: all\n  gather_facts: false\n  tasks:\n    - {{name: t, fs_cli: {{command: status, {string.Join(", ", endpoint.Select(e => $"{e.Key}: {e.Value}"))}}}, ignore_errors: true}}\n    - {{name: after, debug: {{msg: still here}}}}\n");
        var connector = new FakeConnector();

        var (_, output) = await PlaybookHarness.RunAsync(playbook, inventory, extraVars: new Dictionary<string, object?> { ["v"] = value }, connector: connector);

        var failed = Assert.Single(output.Results, r => r.Task == "t");
        Assert.Equal(TaskOutcome.Failed, failed.Outcome);
        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
        if (argument == "esl_password")
        {
            Assert.DoesNotContain("second line", failed.Message, StringComparison.Ordinal);
        }

        Assert.Empty(connector["fs1"].Received);
        Assert.Equal(TaskOutcome.Ok, Assert.Single(output.Results, r => r.Task == "after").Outcome);
    }
}
