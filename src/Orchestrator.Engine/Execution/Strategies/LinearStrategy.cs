using Orchestrator.Engine.Execution.Plays;
using Orchestrator.Engine.Execution.Tasks;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Strategies;

/// <summary>Ansible's default: each task runs on every active host of the batch before the next task starts.</summary>
internal sealed class LinearStrategy(PlayContext play, TaskRunner tasks, HandlerRunner handlers, IncludeExpander includes, TaskEvents events, ResultRecorder recorder)
    : PlayStrategy(play, tasks, handlers, includes)
{
    public override Task RunBatchAsync(CancellationToken cancellationToken) => RunSectionsAsync(Play.State.Batch, cancellationToken);

    protected override async Task RunNodesAsync(IReadOnlyList<TaskNode> nodes, IReadOnlyList<HostState> hosts, bool rescuable, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            if (Aborted)
            {
                return;
            }

            var active = hosts.Where(h => h.Active).ToList();
            if (active.Count == 0)
            {
                return;
            }

            switch (node)
            {
                case TaskDefinition { ModuleName: "meta" } meta:
                    await RunMetaAsync(meta, active, cancellationToken);
                    break;
                case TaskDefinition { Include: not null } include:
                    await RunIncludeAsync(include, active, rescuable, cancellationToken);
                    break;
                case TaskDefinition task:
                    await RunTaskOnAllAsync(task, active, rescuable, cancellationToken);
                    break;
                case BlockDefinition block:
                    await RunBlockAsync(block, active, rescuable, cancellationToken);
                    break;
            }
        }
    }

    private async Task RunTaskOnAllAsync(TaskDefinition task, List<HostState> hosts, bool rescuable, CancellationToken cancellationToken)
    {
        if (!Play.Run.Filter.ShouldRun(task))
        {
            return;
        }

        events.Announce(task);
        var runOn = hosts;
        HostState? runOnceHost = null;
        if (task.EffectiveRunOnce)
        {
            runOnceHost = hosts[0];
            runOn = [runOnceHost];
        }

        var failedBefore = Play.State.FailedInBatch;
        var outcomes = await Task.WhenAll(runOn.Select(host => RunTaskAsync(task, host, rescuable, cancellationToken)));
        if (runOnceHost is not null && outcomes.Length == 1)
        {
            recorder.ShareRunOnce(task, outcomes[0], hosts.Where(h => h != runOnceHost));
        }

        FailureLimits.Check(Play, task, failedBefore, rescuable);
    }
}
