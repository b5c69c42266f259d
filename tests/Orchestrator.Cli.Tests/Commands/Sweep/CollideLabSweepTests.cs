using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Testing.Compliance;

namespace Orchestrator.Cli.Tests.Commands.Sweep;

public sealed class CollideLab() : CliLab("sweep", 3, o => o.Scenario = "collide");

/// <summary>
/// The sweep through real SSH against a 3-host collide lab (simulated FreeSWITCH behind real sshd), run as the real
/// <c>orchestrator</c> executable: exit codes, the failing controls and their evidence, remediation and history.
/// </summary>
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed partial class CollideLabSweepTests(CollideLab fixture) : IClassFixture<CollideLab>, IDisposable
{
    /// <summary>What the collide scenario breaks: ports in the RTP range now, no reservation (nor persisted), robustness off.</summary>
    private static readonly string[] ExpectedFailing = ["FS-CAP-04", "FS-CAP-05", "FS-CAP-06", "FS-CAP-07"];
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    /// <summary>The shipped policy, whose failing controls remediate with the shipped playbooks/fix-port-collisions.yml.</summary>
    private static string Policy() => Path.Combine(RepoPaths.Root, "policies", "freeswitch-capture.yml");

    private string[] Sweep(string db, params string[] extra) =>
        ["sweep", "-i", fixture.Lab.InventoryPath, "--policy", Policy(), "--become", "--db", db, "--forks", "10", .. extra];

    [Fact]
    public async Task Sweep_CollideLab_FailsExactlyTheCollisionControls_RemediatesAndHistoryShowsFirstSeenAndFixed()
    {
        var db = _dir.Combine("history.db");
        var json = _dir.Combine("before.json");
        var junit = _dir.Combine("before.xml");

        var first = await CliProcess.RunAsync(Timeout, Sweep(db, "--report", "cli", "--report", $"json:{json}", "--report", $"junit:{junit}"));

        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.Contains("sweep manual: 3 host(s), 0 compliant, 3 non-compliant, 0 unreachable", first.Stderr, StringComparison.Ordinal);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        ReportValidation.AssertValidJson(report.ToJsonString());
        ReportValidation.AssertValidJunit(junit);
        foreach (var host in report["hosts"]!.AsArray())
        {
            var name = (string)host!["name"]!;
            var failing = host["results"]!.AsArray().Where(r => (string)r!["status"]! != "pass").Select(r => $"{(string)r!["control"]!}={(string)r["status"]!}").Order().ToList();
            Assert.Equal(ExpectedFailing.Select(c => $"{c}=fail"), failing);

            // The evidence names exactly the capture ports the kernel gave, as ss shows them inside the host.
            var colliding = host["results"]!.AsArray().Single(r => (string)r!["control"]! == "FS-CAP-04")!["evidence"]!["colliding_ports"]!.AsArray().Select(p => (int)p!).Order().ToList();
            var observed = await CollidingCapturePortsAsync(name);
            Assert.NotEmpty(colliding);
            Assert.Equal(observed, colliding);
        }

        var remediated = await CliProcess.RunAsync(Timeout, Sweep(db, "--remediate", "--report", $"json:{_dir.Combine("after.json")}"));
        Assert.True(remediated.ExitCode == 0, remediated + "\n--- not passing after remediation\n" + NotPassing(_dir.Combine("after.json")));
        Assert.Contains("remediate: fix-port-collisions.yml for FS-CAP-04, FS-CAP-05, FS-CAP-06, FS-CAP-07 on fs1, fs2, fs3", remediated.Stderr, StringComparison.Ordinal);
        Assert.Contains("sweep manual: 3 host(s), 3 compliant", remediated.Stderr, StringComparison.Ordinal);

        var next = await CliProcess.RunAsync(Timeout, Sweep(db));
        Assert.True(next.ExitCode == 0, next.ToString());

        var history = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "sweep", "history", "--db", db, "--json");
        Assert.True(history.ExitCode == 0, history.ToString());
        var h = JsonNode.Parse(history.Stdout)!;
        var trend = h["trend"]!.AsArray();
        Assert.Equal(["manual", "manual", "remediation-recheck", "manual"], trend.Select(p => (string)p!["trigger"]!));
        Assert.Equal([0, 0, 3, 3], trend.Select(p => (int)p!["compliant"]!));
        var firstRun = (long)trend[0]!["run"]!;
        var recheckRun = (long)trend[2]!["run"]!;
        var failures = h["failures"]!.AsArray();
        Assert.Equal(3 * ExpectedFailing.Length, failures.Count);
        Assert.All(failures, f =>
        {
            Assert.Contains((string)f!["control"]!, ExpectedFailing);
            Assert.Equal(firstRun, (long)f["first_run"]!);
            Assert.Equal(recheckRun, (long)f["fixed_run"]!);
            Assert.True(DateTimeOffset.Parse((string)f["fixed_at"]!, CultureInfo.InvariantCulture) > DateTimeOffset.Parse((string)f["first_seen"]!, CultureInfo.InvariantCulture));
        });

        var table = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "sweep", "history", "--db", db, "--host", "fs2", "--control", "FS-CAP-04");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("FS-CAP-04", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("still failing", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_HostWithoutSshd_ExitsWithTheUnreachableBit()
    {
        var db = _dir.Combine("history.db");
        await fixture.Lab.StopSshdAsync("fs3", CancellationToken.None);
        try
        {
            var result = await CliProcess.RunAsync(Timeout, [.. Sweep(db, "--report", $"json:{_dir.Combine("r.json")}"), "-T", "3"]);

            Assert.True((result.ExitCode & 4) == 4, result.ToString());
            var report = JsonNode.Parse(await File.ReadAllTextAsync(_dir.Combine("r.json")))!;
            var fs3 = report["hosts"]!.AsArray().Single(x => (string)x!["name"]! == "fs3")!;
            Assert.Equal("unreachable", (string)fs3["state"]!);
            Assert.All(fs3["results"]!.AsArray(), r => Assert.Equal("error", (string)r!["status"]!));
        }
        finally
        {
            await fixture.Lab.StartSshdAsync("fs3", null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Sweep_Scheduled_LogsOneLinePerPassServesMetricsAndStopsCleanlyOnSigterm()
    {
        var db = _dir.Combine("history.db");
        var port = FreePort();
        await using var daemon = CliProcess.Start(Sweep(db, "--schedule", "*/5 * * * * *", "--metrics-listen", $"127.0.0.1:{port}", "--report", $"html:{_dir.Combine("r.html")}"));

        await EventuallyAsync(() => PassLines(daemon.Stderr) >= 2, TimeSpan.FromMinutes(3), () => "two passes did not complete:\n" + daemon.Stderr);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.Matches(@"(?m)^orchestrator_compliance_host_compliant\{host=""fs1""\} [01]$", metrics);
        Assert.Matches(@"(?m)^orchestrator_compliance_control_status\{host=""fs1"",control=""FS-CAP-04"",status=""pass""\} [01]$", metrics);
        Assert.Matches(@"(?m)^orchestrator_compliance_last_success_timestamp_seconds [0-9.e+]+$", metrics);
        Assert.Matches(@"(?m)^orchestrator_compliance_sweep_duration_seconds [0-9.e+-]+$", metrics);

        Assert.Equal(0, Kill(daemon.Pid, 15));
        var result = await daemon.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SIGTERM: stopping", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"stopped after \d+ pass\(es\)", result.Stderr);
        Assert.DoesNotContain("ERROR", result.Stderr, StringComparison.Ordinal);
        var passes = PassLines(result.Stderr);
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM runs WHERE trigger = 'scheduled'";
        Assert.Equal(passes, Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture));
        count.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", count.ExecuteScalar());
        Assert.True(File.Exists(_dir.Combine("r.html")));
    }

    /// <summary>Capture ports (connected to homer:9060, owned by freeswitch) that are even and inside the RTP range, read with ss in the host.</summary>
    private async Task<List<int>> CollidingCapturePortsAsync(string host)
    {
        var ss = await fixture.Lab.ExecInHostAsync(host, "ss -Huanp state established", CancellationToken.None);
        Assert.True(ss.Succeeded, ss.Stderr);
        var settings = fixture.Lab.Settings;
        return ss.Stdout.Split('\n')
            .Where(l => l.Contains("freeswitch", StringComparison.Ordinal) && l.Contains($"{fixture.Lab.Homer.Address}:9060", StringComparison.Ordinal))
            .Select(l => int.Parse(LocalPort().Match(l).Groups[1].Value, CultureInfo.InvariantCulture))
            .Where(p => p % 2 == 0 && p >= settings.EffectiveRtpStart && p <= settings.EffectiveRtpEnd)
            .Order()
            .ToList();
    }

    private static string NotPassing(string jsonReport) =>
        !File.Exists(jsonReport) ? "(no report)" : string.Join("\n", JsonNode.Parse(File.ReadAllText(jsonReport))!["hosts"]!.AsArray()
            .SelectMany(h => h!["results"]!.AsArray().Where(r => (string)r!["status"]! != "pass").Select(r => $"{(string)h["name"]!} {(string)r!["control"]!} {(string)r["status"]!}: {(string)r["message"]!} {r["evidence"]!.ToJsonString()}")));

    private static int PassLines(string stderr) => stderr.Split('\n').Count(l => l.Contains(" sweep scheduled: ", StringComparison.Ordinal));

    private static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(condition(), what());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"^\S+\s+\S+\s+\S+?:(\d+)\s")]
    private static partial Regex LocalPort();
}
