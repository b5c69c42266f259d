using Orchestrator.Core.Transport;
using Orchestrator.Engine.Output;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Modules;

/// <summary>A FreeSWITCH module whose host cannot be read fails its task (as a module failure); the run goes on.</summary>
public sealed class ModuleFailureTests
{
    [Theory]
    [InlineData("capture_ports: {}")]
    [InlineData("capture_toggle: {}")]
    [InlineData("freeswitch_facts: {}")]
    [InlineData("freeswitch_restart: {}")]
    public async Task FactsScriptFails_TaskFailsWithTheReason(string task)
    {
        using var dir = new TempDirectory("orch-fs-");
        var inventory = Path.Combine(dir.Path, "hosts.yml");
        File.WriteAllText(inventory, "all:\n  hosts:\n    fs1: {}\n");
        var playbook = Path.Combine(dir.Path, "site.yml");
        File.WriteAllText(playbook, $"- hosts: all\n  gather_facts: false\n  tasks:\n    - {{name: t, {task}, ignore_errors: true}}\n    - {{name: after, debug: {{msg: still here}}}}\n");

        var (_, output) = await PlaybookHarness.RunAsync(playbook, inventory, connector: new BrokenShellConnector());

        var failed = Assert.Single(output.Results, r => r.Task == "t");
        Assert.Equal(TaskOutcome.Failed, failed.Outcome);
        Assert.StartsWith("fs1: the facts script did not complete (rc=2)", failed.Message, StringComparison.Ordinal);
        Assert.Contains("sh: 1: Syntax error", failed.Message, StringComparison.Ordinal);
        Assert.Equal(TaskOutcome.Ok, Assert.Single(output.Results, r => r.Task == "after").Outcome);
    }

    /// <summary>Every command fails the way a shell that cannot run the script does.</summary>
    private sealed class BrokenShellConnector : IHostConnector, IHostConnection
    {
        public string HostName => "fs1";

        public Task<IHostConnection> ConnectAsync(string hostName, IReadOnlyDictionary<string, object?> hostVariables, CancellationToken cancellationToken) =>
            Task.FromResult<IHostConnection>(this);

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) =>
            Task.FromResult(new CommandResult(2, string.Empty, "sh: 1: Syntax error\n", TimeSpan.Zero));

        public Task<UploadResult> UploadAsync(FileUpload upload, CancellationToken cancellationToken) => throw new IOException("no uploads here");

        public Task<byte[]> DownloadAsync(string remotePath, bool become, CancellationToken cancellationToken) => throw new FileNotFoundException(remotePath);

        public Task<string?> Sha256Async(string remotePath, bool become, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
