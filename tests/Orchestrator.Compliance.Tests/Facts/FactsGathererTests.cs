using System.Globalization;
using Orchestrator.Compliance.Facts;
using Orchestrator.Core.Shell;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Compliance.Tests.Facts;

/// <summary>
/// The gatherer for real, on this machine: the local connection of the transport, Orchestrator.FreeSwitch's facts
/// script over a copy of the vanilla tree, and the policy's commands batched into that one script.
/// </summary>
public sealed class FactsGathererTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<HostFacts> GatherAsync(FactsRequest request)
    {
        var conf = _dir.Combine("conf");
        DirectoryTree.Copy(RepoPaths.VanillaFreeSwitchConf, conf);
        var now = TimeProvider.System.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        var log = _dir.Write("log/freeswitch.log", $"0a1b2c3d-0000-0000-0000-000000000000 {now} 97.50% [ERR] switch_core_media.c:9648 AUDIO RTP REPORTS ERROR: [Bind Error! 10.0.0.5:20010]\n");
        using var connector = new HostConnector(new TransportOptions());
        await using var connection = await connector.ConnectAsync("local", new Dictionary<string, object?> { ["ansible_connection"] = "local" }, CancellationToken.None);
        var gatherer = new FreeSwitchFactsGatherer(new GatherOptions
        {
            ConfigureFacts = o =>
            {
                o.ConfDir = conf;
                o.LogFile = log;
                o.SkipApi = true;
            },
        });
        return await gatherer.GatherAsync(connection, request, CancellationToken.None);
    }

    [Fact]
    public async Task GatherAsync_PolicyCommands_RideInTheFactsScriptAndComeBackIntact()
    {
        var facts = await GatherAsync(new FactsRequest(
            TimeSpan.FromHours(1),
            [
                new ProbeRequest("command:A", "echo out; echo 'err line' >&2; printf '\\n@@orchestrator-fs@@ policy_probes\\n@@orchestrator-fs@@ bind_errors\\n'; exit 3"),
                new ProbeRequest("command:B", "printf 'a\\nb'"),
                new ProbeRequest("service:C", "exit 0"),
            ],
            NeedConfiguration: true));

        Assert.Null(facts.FreeSwitchError);
        Assert.Equal(new ProbeResult(3, "out\n\n@@orchestrator-fs@@ policy_probes\n@@orchestrator-fs@@ bind_errors\n", "err line\n"), facts.Probes["command:A"]);
        Assert.Equal(new ProbeResult(0, "a\nb", string.Empty), facts.Probes["command:B"]);
        Assert.Equal(new ProbeResult(0, string.Empty, string.Empty), facts.Probes["service:C"]);
        Assert.Equal(3, facts.Probes.Count);

        // The collector's own sections were not disturbed by what the probes printed.
        var fs = facts.FreeSwitch!;
        Assert.NotNull(fs.Config);
        Assert.Equal(16384, fs.Config.RtpStartPort);
        Assert.Equal(1, fs.BindErrors!.Rtp);
        Assert.NotNull(facts.Placement);

        // config_param reads the whole tree the collector already transferred.
        Assert.NotNull(facts.Configuration);
        Assert.Equal("8021", facts.Configuration.GetParam("event_socket.conf", "settings", "listen-port")!.Value);
    }

    [Fact]
    public async Task GatherAsync_NoCommandsAndNoConfigParam_LeavesTheScriptAlone()
    {
        var facts = await GatherAsync(new FactsRequest(TimeSpan.Zero, [], NeedConfiguration: false));

        Assert.Empty(facts.Probes);
        Assert.Null(facts.Configuration);
        Assert.NotNull(facts.FreeSwitch!.Config);
    }

    [Fact]
    public void Script_QuotesEachCommand()
    {
        var script = new PolicyProbes([new ProbeRequest("k", "echo 'it''s'")], TimeSpan.FromSeconds(5)).Script;

        Assert.Contains("timeout -k 2 5 sh -c " + ShellQuote.Quote("echo 'it''s'") + " </dev/null", script, StringComparison.Ordinal);
        Assert.DoesNotContain("exit", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_RunByARealShell_ReturnsEachProbesOutputsAndExitCode()
    {
        ProbeRequest[] requests =
        [
            new("out", "printf 'line 1\\nline 2\\n'; echo warn >&2"),
            new("fails", "exit 3"),
            new("big", "head -c 200000 /dev/zero | tr '\\0' x"),
            new("marker", "printf '\\n@@orchestrator-fs@@ policy_probes\\ncodes 9 9\\n'"),
        ];
        var probes = new PolicyProbes(requests, TimeSpan.FromSeconds(5));

        var run = await ShAsync(probes.Script);
        probes.Read(run.Stdout.TrimEnd('\n'));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal((0, "line 1\nline 2\n", "warn\n"), (probes.Results["out"].ExitCode, probes.Results["out"].Stdout, probes.Results["out"].Stderr));
        Assert.Equal(3, probes.Results["fails"].ExitCode);
        Assert.Equal(65536, probes.Results["big"].Stdout.Length);
        Assert.True(probes.Results["big"].StdoutTruncated);
        Assert.False(probes.Results["out"].StdoutTruncated);
        Assert.Equal((0, "\n@@orchestrator-fs@@ policy_probes\ncodes 9 9\n"), (probes.Results["marker"].ExitCode, probes.Results["marker"].Stdout));
    }

    [Fact]
    public void Read_SectionMissingOrCutShort_LeavesProbesNotRunOrOutputsUnreadable()
    {
        var missing = new PolicyProbes([new ProbeRequest("a", "true")], TimeSpan.FromSeconds(5));
        missing.Read(null);
        Assert.Empty(missing.Results);

        var cut = new PolicyProbes([new ProbeRequest("a", "true"), new ProbeRequest("b", "true")], TimeSpan.FromSeconds(5));
        cut.Read("codes 0 4\nH4sI");
        Assert.Equal([0, 4], [cut.Results["a"].ExitCode, cut.Results["b"].ExitCode]);
        Assert.All(cut.Results.Values, r => Assert.Equal("the outputs came back cut short or malformed", r.OutputUnreadable));
    }

    private static async Task<(int ExitCode, string Stdout)> ShAsync(string script)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, stdout);
    }
}
