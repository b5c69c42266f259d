using System.Globalization;
using Orchestrator.Compliance.Evaluation;
using Orchestrator.Compliance.Facts;
using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Metrics;
using Orchestrator.Compliance.Policies;
using Orchestrator.Compliance.Reports;
using Orchestrator.Compliance.Results;
using Orchestrator.Compliance.Scheduling;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Templating;
using Orchestrator.Inventory;

namespace Orchestrator.Compliance.Sweeping;

/// <summary>
/// The compliance sweep: one pass (<see cref="RunOnceAsync"/>) or a daemon on a schedule (<see cref="RunScheduledAsync"/>).
/// Each pass checks every selected host, writes the history in one transaction, optionally remediates and re-checks,
/// writes the reports, updates the metrics and logs one line.
/// </summary>
public sealed class ComplianceSweep : IDisposable
{
    private readonly ComplianceSweepOptions _options;
    private readonly HostInventory _inventory;
    private readonly IReadOnlyList<InventoryHost> _hosts;
    private readonly PolicyEvaluator _evaluator;
    private readonly SweepPass _pass;
    private readonly HistoryStore _history;
    private readonly SweepMetrics? _metrics;
    private readonly IReadOnlyList<ReportSpec> _reports;
    private readonly Lock _logGate = new();

    /// <exception cref="Core.Errors.UserInputException">The policy, inventory, pattern, database or listen address is invalid.</exception>
    public ComplianceSweep(ComplianceSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Forks is < 1 or > 1000)
        {
            throw new Core.Errors.UserInputException($"--forks {options.Forks}: expected 1 to 1000");
        }

        if (options.ConsoleReport is null && (options.Reports.Count == 0 || options.Reports.Any(r => r.Format == ReportFormat.Cli)))
        {
            throw new ArgumentException("a cli report is requested but no ConsoleReport was given", nameof(options));
        }

        _options = options;
        Policy = PolicyLoader.Load(options.PolicyPath, options.Vault);
        _inventory = options.LoadedInventory ?? InventoryLoader.Load(options.Inventory, new InventoryLoadOptions { Expressions = new InventoryExpressionEvaluator(), Vault = options.Vault });
        _hosts = _inventory.SelectHosts(options.Limit);
        _evaluator = new PolicyEvaluator(Policy, options.TimeProvider, pattern => _inventory.SelectHosts(pattern).Select(h => h.Name).ToHashSet(StringComparer.Ordinal));
        _pass = new SweepPass(_evaluator, options.Connector, options.Gatherer ?? new FreeSwitchFactsGatherer(options.Gather), options.TimeProvider, options.Forks, options.Redactor);
        _reports = options.Reports.Count == 0 ? [new ReportSpec(ReportFormat.Cli, null)] : options.Reports;
        // Listen first: a port in use must fail the command before the history database is created.
        if (options.MetricsListen is { } listen)
        {
            _metrics = new SweepMetrics();
            _metrics.Listen(listen);
        }

        try
        {
            _history = HistoryStore.Open(options.DatabasePath);
        }
        catch
        {
            _metrics?.Dispose();
            throw;
        }

        // The transport's log and errors then hide them, as for run and exec.
        foreach (var host in _hosts)
        {
            SecretCollector.AddVariables(options.Redactor, host.Variables);
        }
    }

    public Policy Policy { get; }

    public IReadOnlyList<string> Hosts => _hosts.Select(h => h.Name).ToList();

    public HistoryStore History => _history;

    internal SweepMetrics? Metrics => _metrics;

    /// <summary>One pass; returns the exit code (0, 2, 4 or 6).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (_hosts.Count == 0)
        {
            Log($"[WARNING]: no hosts matched '{_options.Limit}'");
        }

        var (_, exitCode) = await RunPassAsync("manual", cancellationToken);
        return exitCode;
    }

    /// <summary>
    /// Sweeps on the schedule until <paramref name="stop"/>; then lets the running pass finish unless
    /// <paramref name="abandon"/> fires first. Returns 0 after a clean stop.
    /// </summary>
    public async Task<int> RunScheduledAsync(CancellationToken stop, CancellationToken abandon)
    {
        var schedule = _options.Schedule ?? throw new InvalidOperationException("no schedule was given");
        Log($"schedule {schedule}: sweeping {_hosts.Count} host(s) with {Path.GetFileName(Policy.Path)}; history in {_history.Path}{(_options.MetricsListen is { } m ? $"; metrics on http://{m}/metrics" : string.Empty)}");
        var scheduler = new SweepScheduler(schedule, _options.TimeProvider, (_, ct) => RunPassAsync("scheduled", ct), Log, () => _metrics?.TickSkipped());
        var summary = await scheduler.RunAsync(stop, abandon);
        Log($"stopped after {summary.Passes} pass(es), {summary.SkippedTicks} skipped tick(s){(summary.Abandoned ? ", the last one abandoned" : string.Empty)}");
        return 0;
    }

    /// <summary>One pass: the (redacted) final result, and the exit code, with <see cref="ExitCodes.ReportNotWritten"/> when a report failed.</summary>
    internal async Task<(SweepResult Result, int ExitCode)> RunPassAsync(string trigger, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        try
        {
            var result = await _pass.RunAsync(_hosts, trigger, cancellationToken);
            _history.Record(result, cancellationToken);
            var final = result;
            var remediated = 0;
            if (_options.Remediate && result.AllResults.Any(r => r.Status == ControlStatus.Fail))
            {
                var remediator = new Remediator(Policy, _inventory, _options);
                var runs = await remediator.RunAsync(result, Log, cancellationToken);
                remediated = runs.Count;
                if (runs.Count > 0)
                {
                    final = await _pass.RunAsync(_hosts, "remediation-recheck", cancellationToken);
                    _history.Record(final, cancellationToken);
                }
            }

            var reportFailures = ReportWriter.WriteAll(_reports, final, _options.ConsoleReport, () => HistoryQueries.RecentTrend(_history, 100));
            foreach (var failure in reportFailures)
            {
                Log($"ERROR: {failure}");
            }

            var elapsed = time.GetElapsedTime(started);
            _metrics?.PassCompleted(final, elapsed, time.GetUtcNow());
            Log(Line(trigger, result, final, remediated, elapsed));
            return (final, reportFailures.Count == 0 ? final.ExitCode : final.ExitCode | ExitCodes.ReportNotWritten);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _metrics?.PassFailed();
            throw;
        }
    }

    private static string Line(string trigger, SweepResult first, SweepResult final, int remediated, TimeSpan elapsed)
    {
        var all = final.AllResults.ToList();
        var hosts = final.Hosts;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{final.FinishedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} sweep {trigger}: {hosts.Count} host(s), {hosts.Count(h => h.Compliant)} compliant, "
            + $"{hosts.Count(h => h.State == HostState.Reachable && !h.Compliant)} non-compliant, {hosts.Count(h => h.State == HostState.Unreachable)} unreachable; "
            + $"{all.Count(r => r.Status == ControlStatus.Fail)} fail, {all.Count(r => r.Status == ControlStatus.Error)} error, {all.Count(r => r.Status == ControlStatus.Waived)} waived");
        if (remediated > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; remediated with {remediated} playbook(s), exit before {first.ExitCode}");
        }

        return text + string.Create(CultureInfo.InvariantCulture, $"; {elapsed.TotalSeconds:0.00} s; exit {final.ExitCode}");
    }

    private void Log(string line)
    {
        lock (_logGate)
        {
            _options.Log.WriteLine(_options.Redactor.Redact(line));
            _options.Log.Flush();
        }
    }

    public void Dispose() => _metrics?.Dispose();
}
