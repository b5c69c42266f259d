using System.Net;
using System.Text;
using System.Text.Json;
using Orchestrator.Compliance.Facts;
using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Reports;
using Orchestrator.Compliance.Results;
using Orchestrator.Compliance.Sweeping;
using Orchestrator.Compliance.Tests.Support;
using Orchestrator.Core.Secrets;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Compliance.Tests.Sweeping;

/// <summary>
/// A pass whose facts hold the event socket's password (in the configuration, and in command and service output, plain
/// and transformed): no sink of the sweep shows it. The redactor starts empty: the password is known by config key only.
/// </summary>
public sealed class SweepRedactionTests : IDisposable
{
    // Letters, digits and dashes: no writer escapes any of its forms, so "not found" means "not there".
    private const string Password = "Esl-S3cret-Pw";
    private const string Policy = """
        policy: secrets
        controls:
          - id: ESL-PW
            title: the event socket password is not the default
            impact: 1.0
            check: { type: config_param, configuration: event_socket.conf, param: password, one_of: [ClueCon, other] }
          - id: ESL-FILE
            title: the event socket config is readable
            impact: 0.5
            check: { type: command_output, command: "cat /etc/freeswitch/autoload_configs/event_socket.conf.xml", matches: "nothing-like-this" }
          - id: SVC
            title: freeswitch is active
            impact: 0.5
            check: { type: service_active, service: freeswitch }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly IReadOnlyList<string> Forms = SecretLeaks.Forms(Password);

    [Fact]
    public async Task RunOnce_EslPasswordInConfigAndCommandOutput_AppearsInNoSink()
    {
        var output = string.Join('\n', Forms.Select(f => $"<param name=\"password\" value=\"{f}\"/>"));
        var facts = new FactsBuilder { EventSocketPassword = Password };
        facts.Probes["command:ESL-FILE"] = new ProbeResult(0, output, $"warning: {Password}");
        facts.Probes["service:SVC"] = new ProbeResult(3, $"inactive {Password}", string.Empty);
        var console = new CapturingConsoleReport();
        var log = new StringWriter();
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor });
        var db = _dir.Combine("state/history.db");
        using var sweep = new ComplianceSweep(new ComplianceSweepOptions
        {
            PolicyPath = _dir.Write("policy.yml", Policy),
            Inventory = [_dir.Write("inventory.yml", "all:\n  hosts:\n    fs1:\n      ansible_connection: local\n")],
            Reports =
            [
                new ReportSpec(ReportFormat.Cli, null),
                new ReportSpec(ReportFormat.Json, _dir.Combine("out/report.json")),
                new ReportSpec(ReportFormat.Junit, _dir.Combine("out/report.xml")),
                new ReportSpec(ReportFormat.Html, _dir.Combine("out/report.html")),
            ],
            DatabasePath = db,
            Connector = connector,
            ConsoleReport = console,
            Redactor = redactor,
            Log = log,
            Gatherer = new FixedGatherer(facts.Build()),
        });

        var exit = await sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ExitCodes.NonCompliant, exit);
        var json = File.ReadAllText(_dir.Combine("out/report.json"));
        var sinks = new Dictionary<string, string>
        {
            ["json"] = json,
            ["junit"] = File.ReadAllText(_dir.Combine("out/report.xml")),
            ["html"] = WebUtility.HtmlDecode(File.ReadAllText(_dir.Combine("out/report.html"))),
            ["console"] = console.Text.ToString(),
            ["log"] = log.ToString(),
            ["history query"] = JsonSerializer.Serialize(HistoryQueries.Query(sweep.History, new HistoryFilter()), EvidenceJson.Options),
            ["history files"] = string.Concat(Directory.GetFiles(Path.GetDirectoryName(db)!).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)))),
        };
        var leaks = SecretLeaks.Find(sinks, Password);

        Assert.True(leaks.Count == 0, "leaked: " + string.Join("; ", leaks));
        // The evidence is there, with the secret in its place: the checks above would have seen a leak.
        Assert.Contains("\"value\":\"[REDACTED]\"", json.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("event_socket.conf", json, StringComparison.Ordinal);
        Assert.Contains(Secret.Redacted, sinks["html"], StringComparison.Ordinal);
        Assert.Contains(Secret.Redacted, sinks["junit"], StringComparison.Ordinal);
        Assert.Contains(Secret.Redacted, sinks["history files"], StringComparison.Ordinal);
    }

    private sealed class CapturingConsoleReport : ISweepConsoleReport
    {
        public StringBuilder Text { get; } = new();

        public void Write(SweepResult result) => Text.Append(JsonSerializer.Serialize(result, EvidenceJson.Options));
    }
}
