using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules.Builtin;

/// <summary>wait_for's host and port: validated, and given to bash's /dev/tcp as parameters, never as script text.</summary>
public sealed class WaitForModuleTests
{
    [Theory]
    [InlineData("127.0.0.1; touch /tmp/orch-wait-pwned")]
    [InlineData("$(touch /tmp/orch-wait-pwned)")]
    [InlineData("`touch /tmp/orch-wait-pwned`")]
    [InlineData("h1\ntouch /tmp/orch-wait-pwned")]
    [InlineData("-h1")]
    [InlineData("h1'\"")]
    [InlineData("[::1]")]
    [InlineData("256.1.1.1")]
    [InlineData("")]
    public async Task Host_NotANameOrAddress_TaskFailsNamingTheArgument_NothingSent(string host)
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(
            "- hosts: all\n  gather_facts: false\n  tasks:\n    - {name: w, wait_for: {host: \"{{ target }}\", port: 22, timeout: 1}}\n",
            o => o.ExtraVars["target"] = host);

        var result = run.Result1("w", "h1");
        Assert.Equal(TaskOutcome.Failed, result.Outcome);
        Assert.Contains("'host' must be a DNS name, an IPv4 or an IPv6 address", result.Message, StringComparison.Ordinal);
        Assert.Empty(h["h1"].Received);
    }

    [Theory]
    [InlineData("fs1.example.com")]
    [InlineData("localhost")]
    [InlineData("fs-1.")]
    [InlineData("10.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1%eth0")]
    public async Task Host_NameOrAddress_PassedAsParameterNotScriptText(string host)
    {
        using var h = new EngineHarness("h1");
        h["h1"].OpenPorts.Add(5060);
        var run = await h.RunAsync(
            "- hosts: all\n  gather_facts: false\n  tasks:\n    - {name: w, wait_for: {host: \"{{ target }}\", port: 5060, timeout: 1}}\n",
            o => o.ExtraVars["target"] = host);

        Assert.Equal(TaskOutcome.Ok, run.Result1("w", "h1").Outcome);
        var sent = Assert.Single(h["h1"].Received);
        Assert.Equal([host, "5060"], sent.Arguments);
        Assert.DoesNotContain(host, sent.CommandText, StringComparison.Ordinal);
        Assert.Contains("bash -c 'exec 3<>\"/dev/tcp/$1/$2\"' bash \"$1\" \"$2\"", sent.CommandText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(65536L)]
    public async Task Port_OutOfRange_TaskFails(long port)
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync($"- hosts: all\n  gather_facts: false\n  tasks:\n    - {{name: w, wait_for: {{port: {port}, timeout: 1}}}}\n");

        Assert.Contains("'port' must be from 1 to 65535", run.Result1("w", "h1").Message, StringComparison.Ordinal);
        Assert.Empty(h["h1"].Received);
    }
}
