using Orchestrator.Compliance.Evaluation;
using Orchestrator.Compliance.Facts;
using Orchestrator.Compliance.Results;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.Inventory;

namespace Orchestrator.Compliance.Sweeping;

/// <summary>
/// One pass over the selected hosts: per host one connection, the facts (with the policy's commands batched in), then
/// every control evaluated. At most <c>forks</c> hosts at once. A host that cannot be reached is reported, not thrown.
/// The result comes back redacted (<see cref="SweepRedaction"/>), with each host's configuration credentials added to
/// <paramref name="redactor"/> first: nothing downstream (history, reports, metrics, log) ever sees a secret.
/// </summary>
internal sealed class SweepPass(PolicyEvaluator evaluator, IHostConnector connector, IHostFactsGatherer gatherer, TimeProvider time, int forks, SecretRedactor redactor)
{
    public async Task<SweepResult> RunAsync(IReadOnlyList<InventoryHost> hosts, string trigger, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        using var gate = new SemaphoreSlim(Math.Max(1, forks));
        var tasks = hosts.Select(async host =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await CheckHostAsync(host, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(tasks);
        var result = new SweepResult
        {
            PolicyName = evaluator.Policy.Name,
            PolicyPath = evaluator.Policy.Path,
            StartedAt = started,
            FinishedAt = time.GetUtcNow(),
            Controls = evaluator.Summaries,
            Hosts = results,
            Trigger = trigger,
        };
        return SweepRedaction.Redact(result, redactor);
    }

    private async Task<HostResult> CheckHostAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        IHostConnection? connection = null;
        try
        {
            connection = await connector.ConnectAsync(host.Name, host.Variables, cancellationToken);
            var facts = await gatherer.GatherAsync(connection, evaluator.Request, cancellationToken);
            if (facts.FreeSwitch is { } fs)
            {
                ConfigSecrets.Register(redactor, fs);
            }
            return evaluator.Evaluate(host.Name, facts);
        }
        catch (HostUnreachableException ex)
        {
            return evaluator.Unreachable(host.Name, $"{ex.Reason.ToString().ToLowerInvariant()}: {ex.Message}");
        }
        catch (Core.Errors.UserInputException ex)
        {
            // Bad connection variables for this host: it cannot be checked, like an unreachable one.
            return evaluator.Unreachable(host.Name, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Reached, but reading it failed in a way nobody foresaw: every check that needs the facts reports the error.
            return evaluator.Evaluate(host.Name, new HostFacts { FreeSwitchError = $"{ex.GetType().Name}: {ex.Message}" });
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
