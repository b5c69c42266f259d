using Orchestrator.Compliance.Policies;
using Orchestrator.Compliance.Results;
using Orchestrator.Engine;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;

namespace Orchestrator.Compliance.Sweeping;

/// <summary>
/// Runs the remediation playbooks of failing controls, each once, limited to the hosts where one of its controls failed
/// (not errored, waived or skipped). Playbooks run in policy order, with the sweep's connection, ansible.cfg defaults,
/// redactor and vault, as <c>orchestrator run</c> would run them.
/// </summary>
internal sealed class Remediator(Policy policy, HostInventory inventory, ComplianceSweepOptions options)
{
    public async Task<IReadOnlyList<RemediationRun>> RunAsync(SweepResult result, Action<string> log, CancellationToken cancellationToken)
    {
        var runs = new List<RemediationRun>();
        var failing = result.AllResults.Where(r => r.Status == ControlStatus.Fail).ToList();
        var byPlaybook = policy.Controls
            .Where(c => c.Remediation.Playbook is not null)
            .GroupBy(c => (c.Remediation.Playbook!, VarsKey(c.Remediation.Vars)))
            .ToList();
        foreach (var group in byPlaybook)
        {
            var controls = group.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var hosts = failing.Where(r => controls.Contains(r.ControlId)).Select(r => r.Host).Distinct(StringComparer.Ordinal).ToList();
            if (hosts.Count == 0)
            {
                continue;
            }

            var playbook = group.Key.Item1;
            var failingControls = failing.Where(r => controls.Contains(r.ControlId)).Select(r => r.ControlId).Distinct(StringComparer.Ordinal).ToList();
            log($"remediate: {Path.GetFileName(playbook)} for {string.Join(", ", failingControls)} on {string.Join(", ", hosts)}");
            var output = new RecordingRunOutput();
            var run = await PlaybookRunner.RunAsync(
                new PlaybookRunOptions
                {
                    Output = output,
                    PlaybookPath = playbook,
                    Inventory = inventory,
                    Connector = options.Connector,
                    Modules = options.Modules,
                    Limit = string.Join(',', hosts),
                    Forks = options.Forks,
                    ExtraVars = group.First().Remediation.Vars,
                    TimeProvider = options.TimeProvider,
                    RolesPath = options.RolesPath,
                    GatherFactsDefault = options.GatherFactsDefault,
                    BecomeDefault = options.BecomeDefault,
                    Redactor = options.Redactor,
                    Vault = options.Vault,
                },
                cancellationToken);
            foreach (var failed in output.Results.Where(r => r.Outcome is TaskOutcome.Failed or TaskOutcome.Unreachable && !r.Ignored && !r.Rescued))
            {
                log($"remediate: {failed.Host}: task '{failed.Task}' {failed.Outcome.ToString().ToLowerInvariant()}: {failed.Message}");
            }

            log($"remediate: {Path.GetFileName(playbook)} exited {run.ExitCode} ({string.Join(", ", run.Hosts.Select(h => $"{h.Host}: ok={h.Ok} changed={h.Changed} failed={h.Failed} unreachable={h.Unreachable}"))})");
            runs.Add(new RemediationRun(playbook, failingControls, hosts, run.ExitCode));
        }

        return runs;
    }

    private static string VarsKey(IReadOnlyDictionary<string, object?> vars) =>
        System.Text.Json.JsonSerializer.Serialize(vars.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value), EvidenceJson.Options);
}
