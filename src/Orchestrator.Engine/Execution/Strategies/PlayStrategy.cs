using Orchestrator.Engine.Execution.Plays;
using Orchestrator.Engine.Execution.Tasks;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Strategies;

/// <summary>
/// How a batch's hosts move through the play: the walk both strategies share (sections with their handler
/// flushes, blocks with rescue and always, meta tasks), and <see cref="RunNodesAsync"/>, which each strategy
/// decides: in lockstep (linear) or each host on its own (free).
/// </summary>
internal abstract class PlayStrategy(PlayContext play, TaskRunner tasks, HandlerRunner handlers, IncludeExpander includes)
{
    protected PlayContext Play => play;

    /// <summary>any_errors_fatal or max_fail_percentage stopped the batch.</summary>
    protected bool Aborted => play.State.BatchAborted;

    /// <summary>Runs pre_tasks, tasks and post_tasks on the current batch.</summary>
    public abstract Task RunBatchAsync(CancellationToken cancellationToken);

    /// <summary>Runs nodes on the hosts; a host that fails leaves (a block sends it to its rescue).</summary>
    /// <param name="rescuable">The nodes are inside a block with a rescue.</param>
    protected abstract Task RunNodesAsync(IReadOnlyList<TaskNode> nodes, IReadOnlyList<HostState> hosts, bool rescuable, CancellationToken cancellationToken);

    /// <summary>The three sections, each followed by a handler flush (also after a stop, when handlers are forced).</summary>
    protected async Task RunSectionsAsync(IReadOnlyList<HostState> hosts, CancellationToken cancellationToken)
    {
        foreach (var section in new[] { play.Play.PreTasks, play.Play.Tasks, play.Play.PostTasks })
        {
            if (Aborted)
            {
                break;
            }

            await RunNodesAsync(section, hosts, rescuable: false, cancellationToken);
            if (!Aborted || play.ForceHandlers)
            {
                await handlers.FlushAsync(hosts, cancellationToken);
            }
        }
    }

    /// <summary>
    /// block, then rescue for the hosts that failed in it (a rescued host counts as rescued, not failed), then
    /// always for every host that entered, failed or not; a failure stays a failure through always.
    /// </summary>
    protected async Task RunBlockAsync(BlockDefinition block, IReadOnlyList<HostState> hosts, bool rescuable, CancellationToken cancellationToken)
    {
        if (block.ForRole is { } role)
        {
            // Same role, same parameters, already run on a host in this play: Ansible skips it there, silently.
            hosts = hosts.Where(h => !play.State.HasRun(h, role)).ToList();
            if (hosts.Count == 0)
            {
                return;
            }
        }

        await RunBlockSectionsAsync(block, hosts, rescuable, cancellationToken);
        if (block.ForRole is { } completed)
        {
            foreach (var host in hosts.Where(h => h.Active))
            {
                play.State.RoleCompleted(host, completed);
            }
        }
    }

    private async Task RunBlockSectionsAsync(BlockDefinition block, IReadOnlyList<HostState> hosts, bool rescuable, CancellationToken cancellationToken)
    {
        var hasRescue = block.Rescue.Count > 0;
        await RunSectionAsync(block.Block, hosts, rescuable || hasRescue, cancellationToken);
        var failed = hosts.Where(h => h.Failed && !h.Unreachable).ToList();
        if (hasRescue && failed.Count > 0 && !Aborted)
        {
            foreach (var h in failed)
            {
                h.Failed = false;
            }

            await RunSectionAsync(block.Rescue, failed, rescuable, cancellationToken);
            foreach (var h in failed.Where(h => !h.Failed && !h.Unreachable))
            {
                h.Counters.AddRescued();
            }
        }

        if (block.Always.Count > 0 && !Aborted)
        {
            var stillFailed = hosts.Where(h => h.Failed).ToList();
            foreach (var h in stillFailed)
            {
                h.Failed = false;
            }

            await RunSectionAsync(block.Always, hosts.Where(h => !h.Unreachable).ToList(), rescuable, cancellationToken);
            foreach (var h in stillFailed)
            {
                h.Failed = true;
            }
        }
    }

    /// <summary><c>meta: flush_handlers</c> (the one meta action there is) runs the notified handlers now.</summary>
    protected async Task RunMetaAsync(TaskDefinition task, IReadOnlyList<HostState> hosts, CancellationToken cancellationToken)
    {
        var action = task.Args.GetValueOrDefault("action") as string;
        if (action == "flush_handlers" && play.Run.Filter.ShouldRun(task))
        {
            await handlers.FlushAsync(hosts, cancellationToken);
        }
    }

    /// <summary>include_tasks/include_role: the include once per host, then each included group's tasks on its hosts.</summary>
    protected async Task RunIncludeAsync(TaskDefinition include, IReadOnlyList<HostState> hosts, bool rescuable, CancellationToken cancellationToken)
    {
        if (!play.Run.Filter.ShouldRun(include))
        {
            return;
        }

        foreach (var (block, included) in includes.Expand(include, hosts, rescuable))
        {
            if (Aborted)
            {
                return;
            }

            await RunNodesAsync([block], included, rescuable, cancellationToken);
        }
    }

    /// <summary>One task on one host, in a fork slot.</summary>
    protected Task<HostTaskResult> RunTaskAsync(TaskDefinition task, HostState host, bool rescuable, CancellationToken cancellationToken) =>
        play.Run.Forks.RunAsync(() => tasks.RunAsync(task, host, rescuable, cancellationToken), cancellationToken);

    private Task RunSectionAsync(IReadOnlyList<TaskNode> nodes, IReadOnlyList<HostState> hosts, bool rescuable, CancellationToken cancellationToken) =>
        hosts.Count == 0 ? Task.CompletedTask : RunNodesAsync(nodes, hosts, rescuable, cancellationToken);
}
