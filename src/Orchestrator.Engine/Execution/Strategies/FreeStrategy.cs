using Orchestrator.Engine.Execution.Plays;
using Orchestrator.Engine.Execution.Tasks;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Strategies;

/// <summary><c>strategy: free</c>: each host runs its tasks on its own, as fast as it can (the forks limit applies per task).</summary>
internal sealed class FreeStrategy(PlayContext play, TaskRunner tasks, HandlerRunner handlers, IncludeExpander includes, TaskEvents events)
    : PlayStrategy(play, tasks, handlers, includes)
{
    public override Task RunBatchAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Play.State.Batch.Select(host => RunSectionsAsync([host], cancellationToken)));

    protected override Task RunNodesAsync(IReadOnlyList<TaskNode> nodes, IReadOnlyList<HostState> hosts, bool rescuable, CancellationToken cancellationToken) =>
        Task.WhenAll(hosts.Select(host => RunNodesOnHostAsync(nodes, host, rescuable, cancellationToken)));

    private async Task RunNodesOnHostAsync(IReadOnlyList<TaskNode> nodes, HostState host, bool rescuable, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            if (Aborted || !host.Active)
            {
                return;
            }

            switch (node)
            {
                case TaskDefinition { ModuleName: "meta" } meta:
                    await RunMetaAsync(meta, [host], cancellationToken);
                    break;
                case TaskDefinition { Include: not null } include:
                    await RunIncludeAsync(include, [host], rescuable, cancellationToken);
                    break;
                case TaskDefinition task:
                    if (!Play.Run.Filter.ShouldRun(task))
                    {
                        continue;
                    }

                    events.Announce(task);
                    var failedBefore = Play.State.FailedInBatch;
                    await RunTaskAsync(task, host, rescuable, cancellationToken);
                    FailureLimits.Check(Play, task, failedBefore, rescuable);
                    break;
                case BlockDefinition block:
                    await RunBlockAsync(block, [host], rescuable, cancellationToken);
                    break;
            }
        }
    }
}
