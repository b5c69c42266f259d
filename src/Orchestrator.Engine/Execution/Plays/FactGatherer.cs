using Orchestrator.Core.Transport;
using Orchestrator.Engine.Execution.Tasks;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Execution.Plays;

/// <summary><c>gather_facts</c>: every registered fact provider on every active host of the batch.</summary>
internal sealed class FactGatherer(PlayContext play, ConnectionResolver connections, TaskEvents events)
{
    public async Task GatherAsync(CancellationToken cancellationToken)
    {
        var run = play.Run;
        run.Output.TaskStarted(new TaskStartedEvent(play.Play.Name, "Gathering Facts", "gather_facts", false, run.Playbook.Path, play.Play.Location.Line, run.Time.GetUtcNow()));
        await Task.WhenAll(play.State.Batch.Where(h => h.Active).Select(host => run.Forks.RunAsync(() => GatherAsync(host, cancellationToken), cancellationToken)));
    }

    private async Task GatherAsync(HostState host, CancellationToken cancellationToken)
    {
        var run = play.Run;
        var start = run.Time.GetTimestamp();
        try
        {
            var connection = await connections.ForHostAsync(host, cancellationToken);
            var facts = new Dictionary<string, object?>(StringComparer.Ordinal);
            var scope = new Lazy<Variables.VariableScope>(() => play.Variables.ScopeFor(host, null));
            foreach (var provider in run.Options.Modules.FactProviders)
            {
                var gathered = await provider.GatherAsync(
                    new FactContext
                    {
                        HostName = host.Name,
                        Connection = connection,
                        Become = play.Play.Become ?? run.Options.BecomeDefault,
                        HostVariables = host.Host.Variables,
                        Variable = name => Variable(scope.Value, name),
                        TimeProvider = run.Time,
                    },
                    cancellationToken);
                foreach (var (k, v) in gathered)
                {
                    facts[k] = v;
                }
            }

            var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ansible_facts"] = facts };
            foreach (var (k, v) in facts)
            {
                all["ansible_" + k] = v;
            }

            host.GatheredFacts = all;
            host.Counters.AddOk();
            events.FactsGathered(host, TaskOutcome.Ok, null, start);
        }
        catch (HostUnreachableException ex)
        {
            host.Unreachable = true;
            host.Counters.AddUnreachable();
            events.FactsGathered(host, TaskOutcome.Unreachable, ex.Message, start);
        }
    }

    private object? Variable(Variables.VariableScope scope, string name)
    {
        if (!scope.TryGet(name, out _, out _))
        {
            return null;
        }

        try
        {
            return play.Run.Templates.EvaluateExpression(name, scope, play.Play.Location);
        }
        catch (Core.Errors.UserInputException)
        {
            return null;
        }
    }
}
