using System.Globalization;
using System.Net;
using Orchestrator.Compliance.Results;
using Orchestrator.Core.Errors;
using Prometheus;

namespace Orchestrator.Compliance.Metrics;

/// <summary>
/// The daemon's Prometheus metrics (prometheus-net, its own registry, never the global one): per host and per control
/// status gauges, the pass duration and the last-success time, served in the text exposition format.
/// </summary>
internal sealed class SweepMetrics : IDisposable
{
    private static readonly string[] Statuses = Enum.GetValues<ControlStatus>().Select(s => s.ToWire()).ToArray();

    private readonly Gauge _hostCompliant;
    private readonly Gauge _hostUp;
    private readonly Gauge _controlStatus;
    private readonly Gauge _controlFailing;
    private readonly Gauge _duration;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _lastCompliant;
    private readonly Gauge _hosts;
    private readonly Counter _passes;
    private readonly Counter _skippedTicks;
    private readonly Lock _gate = new();
    private HashSet<string> _knownHosts = new(StringComparer.Ordinal);
    private HashSet<(string Host, string Control)> _knownCells = [];
    private HashSet<string> _knownControls = new(StringComparer.Ordinal);
    private IMetricServer? _server;

    public SweepMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _hostCompliant = f.CreateGauge("orchestrator_compliance_host_compliant", "1 when the host passed every control of the last pass (waived and skipped allowed), else 0.", ["host"]);
        _hostUp = f.CreateGauge("orchestrator_compliance_host_up", "1 when the host was reachable in the last pass, else 0.", ["host"]);
        _controlStatus = f.CreateGauge("orchestrator_compliance_control_status", "1 for the status of a control on a host in the last pass, 0 for the other statuses.", ["host", "control", "status"]);
        _controlFailing = f.CreateGauge("orchestrator_compliance_control_failing_hosts", "Hosts on which the control failed or errored in the last pass.", ["control"]);
        _duration = f.CreateGauge("orchestrator_compliance_sweep_duration_seconds", "Wall time of the last pass (remediation and re-check included).");
        _lastSuccess = f.CreateGauge("orchestrator_compliance_last_success_timestamp_seconds", "Unix time the last pass completed (every host checked, history written), compliant or not.");
        _lastCompliant = f.CreateGauge("orchestrator_compliance_last_compliant_timestamp_seconds", "Unix time of the last pass that found every host compliant.");
        _hosts = f.CreateGauge("orchestrator_compliance_hosts", "Hosts in the last pass, by state.", ["state"]);
        _passes = f.CreateCounter("orchestrator_compliance_passes_total", "Passes by outcome: compliant, noncompliant, unreachable (exit 4 or 6), failed (aborted by an error).", ["outcome"]);
        _skippedTicks = f.CreateCounter("orchestrator_compliance_skipped_ticks_total", "Schedule ticks skipped because the previous pass was still running.");
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Serves <c>/metrics</c> on <paramref name="listen"/> (host:port) until disposed.</summary>
    public void Listen(string listen)
    {
        var (host, port) = ParseListen(listen);
        try
        {
            _server = new MetricServer(host, port, "metrics/", Registry).Start();
        }
        catch (HttpListenerException ex)
        {
            throw new UserInputException($"--metrics-listen {listen}: cannot listen: {ex.Message}");
        }
    }

    public void PassCompleted(SweepResult result, TimeSpan duration, DateTimeOffset finishedAt)
    {
        lock (_gate)
        {
            var hosts = new HashSet<string>(StringComparer.Ordinal);
            var cells = new HashSet<(string, string)>();
            foreach (var h in result.Hosts)
            {
                hosts.Add(h.Host);
                _hostCompliant.WithLabels(h.Host).Set(h.Compliant ? 1 : 0);
                _hostUp.WithLabels(h.Host).Set(h.State == HostState.Reachable ? 1 : 0);
                foreach (var c in h.Controls)
                {
                    cells.Add((h.Host, c.ControlId));
                    foreach (var s in Statuses)
                    {
                        _controlStatus.WithLabels(h.Host, c.ControlId, s).Set(c.Status.ToWire() == s ? 1 : 0);
                    }
                }
            }

            var controls = result.Controls.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var id in controls)
            {
                _controlFailing.WithLabels(id).Set(result.AllResults.Count(r => r.ControlId == id && r.Status is ControlStatus.Fail or ControlStatus.Error));
            }

            // Hosts and controls gone from the inventory or the policy stop being exported.
            foreach (var gone in _knownHosts.Except(hosts))
            {
                _hostCompliant.RemoveLabelled(gone);
                _hostUp.RemoveLabelled(gone);
            }

            foreach (var (host, control) in _knownCells.Except(cells))
            {
                foreach (var s in Statuses)
                {
                    _controlStatus.RemoveLabelled(host, control, s);
                }
            }

            foreach (var gone in _knownControls.Except(controls))
            {
                _controlFailing.RemoveLabelled(gone);
            }

            _knownHosts = hosts;
            _knownCells = cells;
            _knownControls = controls;
            _hosts.WithLabels("compliant").Set(result.Hosts.Count(h => h.Compliant));
            _hosts.WithLabels("noncompliant").Set(result.Hosts.Count(h => h.State == HostState.Reachable && !h.Compliant));
            _hosts.WithLabels("unreachable").Set(result.Hosts.Count(h => h.State == HostState.Unreachable));
            _duration.Set(duration.TotalSeconds);
            var now = finishedAt.ToUnixTimeMilliseconds() / 1000.0;
            _lastSuccess.Set(now);
            if (result.ExitCode == ExitCodes.Compliant)
            {
                _lastCompliant.Set(now);
            }

            _passes.WithLabels((result.ExitCode & ExitCodes.Unreachable) != 0 ? "unreachable" : result.ExitCode == 0 ? "compliant" : "noncompliant").Inc();
        }
    }

    public void PassFailed() => _passes.WithLabels("failed").Inc();

    public void TickSkipped() => _skippedTicks.Inc();

    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
    }

    /// <summary><c>127.0.0.1:9464</c>, <c>[::1]:9464</c> or <c>localhost:9464</c>.</summary>
    internal static (string Host, int Port) ParseListen(string listen)
    {
        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new UserInputException($"--metrics-listen '{listen}': expected HOST:PORT, e.g. 127.0.0.1:9464");
        }

        var host = listen[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0 || (host != "localhost" && host != "*" && host != "+" && !IPAddress.TryParse(host, out _)))
        {
            throw new UserInputException($"--metrics-listen '{listen}': expected an IP address, localhost or * before the port");
        }

        return (host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host, port);
    }
}
