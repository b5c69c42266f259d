using Orchestrator.Compliance.Reports;
using Orchestrator.Compliance.Results;
using Orchestrator.Compliance.Sweeping;
using Orchestrator.Compliance.Tests.Support;
using Orchestrator.Core.Secrets;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Compliance.Tests.Sweeping;

/// <summary>What <see cref="ComplianceSweep"/> sets up before any pass: the shared redactor and the console report.</summary>
public sealed class ComplianceSweepTests : IDisposable
{
    private const string Policy = "policy: ok\ncontrols:\n  - { id: A, title: t, impact: 0.5, check: { type: capture_ports_clear } }\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Constructor_SelectedHostsSecrets_AreAddedToTheGivenRedactor()
    {
        var inventory = _dir.Write("inventory.yml", """
            all:
              hosts:
                fs1:
                  ansible_connection: local
                  esl_password: esl-secret-of-fs1
                  plain: plain-value-of-fs1
                other:
                  ansible_connection: local
                  esl_password: esl-secret-of-other
            """);
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor });

        using var sweep = new ComplianceSweep(new ComplianceSweepOptions
        {
            PolicyPath = _dir.Write("policy.yml", Policy),
            Inventory = [inventory],
            Limit = "fs1",
            Reports = [new ReportSpec(ReportFormat.Json, _dir.Combine("report.json"))],
            DatabasePath = _dir.Combine("history.db"),
            Connector = connector,
            Redactor = redactor,
        });

        Assert.Equal(["fs1"], sweep.Hosts);
        Assert.Equal("pw [REDACTED], plain-value-of-fs1", redactor.Redact("pw esl-secret-of-fs1, plain-value-of-fs1"));
        // Only the hosts the sweep checks: another host's secret never passes through this sweep's output.
        Assert.Equal("esl-secret-of-other", redactor.Redact("esl-secret-of-other"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Constructor_CliReportWithoutConsoleReport_IsRejected(bool explicitCli)
    {
        var inventory = _dir.Write("inventory.yml", "all:\n  hosts:\n    fs1:\n      ansible_connection: local\n");
        using var connector = new HostConnector(new TransportOptions());

        var ex = Assert.Throws<ArgumentException>(() => new ComplianceSweep(new ComplianceSweepOptions
        {
            PolicyPath = _dir.Write("policy.yml", Policy),
            Inventory = [inventory],
            Reports = explicitCli ? [new ReportSpec(ReportFormat.Cli, null)] : [],
            DatabasePath = _dir.Combine("history.db"),
            Connector = connector,
        }));

        Assert.Contains("ConsoleReport", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("history.db")), "the history was opened before the options were checked");
    }

    [Fact]
    public async Task RunOnce_AReportCannotBeWritten_OthersAreWrittenAndTheExitCodeSaysSo()
    {
        var blocked = _dir.Write("blocked", "a file, not a directory");
        var log = new StringWriter();
        using var connector = new HostConnector(new TransportOptions());
        using var sweep = new ComplianceSweep(new ComplianceSweepOptions
        {
            PolicyPath = _dir.Write("policy.yml", Policy),
            Inventory = [_dir.Write("inventory.yml", "all:\n  hosts:\n    fs1:\n      ansible_connection: local\n")],
            Reports = [new ReportSpec(ReportFormat.Json, Path.Combine(blocked, "r.json")), new ReportSpec(ReportFormat.Html, _dir.Combine("r.html"))],
            DatabasePath = _dir.Combine("history.db"),
            Connector = connector,
            Log = log,
            Gatherer = new FixedGatherer(new FactsBuilder().Build()),
        });

        var exit = await sweep.RunOnceAsync(CancellationToken.None);

        // Compliant (capture ports clear), but one report is missing: bit 1.
        Assert.Equal(ExitCodes.ReportNotWritten, exit);
        Assert.True(File.Exists(_dir.Combine("r.html")));
        Assert.Contains($"ERROR: report json:{Path.Combine(blocked, "r.json")}: not written: ", log.ToString(), StringComparison.Ordinal);
    }
}
