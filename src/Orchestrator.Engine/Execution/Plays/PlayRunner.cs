using Orchestrator.Engine.Execution.Strategies;
using Orchestrator.Engine.Execution.Tasks;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Execution.Plays;

/// <summary>
/// Runs one play: selects its hosts, registers their secrets, then per serial batch gathers facts and lets the
/// strategy run the tasks; stops the run when a batch was aborted, and the play when every host of a batch failed.
/// Builds the play's parts once; none of them knows this class.
/// </summary>
internal sealed class PlayRunner
{
    private readonly PlayContext _play;
    private readonly FactGatherer _facts;
    private readonly PlayStrategy _strategy;

    public PlayRunner(RunState run, Play play)
    {
        _play = PlayContext.Create(run, play);
        var connections = new ConnectionResolver(run);
        var events = new TaskEvents(run, play);
        var recorder = new ResultRecorder(_play, events);
        var tasks = new TaskRunner(_play, connections, events, recorder);
        var handlers = new HandlerRunner(_play, tasks, events, recorder);
        _facts = new FactGatherer(_play, connections, events);
        var includes = new IncludeExpander(_play, recorder, events);
        _strategy = play.Strategy switch
        {
            Strategy.Free => new FreeStrategy(_play, tasks, handlers, includes, events),
            _ => new LinearStrategy(_play, tasks, handlers, includes, events, recorder),
        };
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = _play.Run;
        var play = _play.Play;
        var state = _play.State;
        var selected = PlayHosts.Select(run.Inventory, play, run.Options.Limit, run.Output.Warning);
        state.Hosts = selected.Select(run.State).Where(h => h.Active).ToList();
        if (state.Hosts.Count == 0)
        {
            run.Output.PlayStarted(new PlayStartedEvent(play.Name, play.Hosts, [], 0, 0, run.Time.GetUtcNow()));
            run.Output.Warning($"play '{play.Name}': no hosts matched '{play.Hosts}'{(run.Options.Limit is null ? string.Empty : $" with --limit '{run.Options.Limit}'")}, or all of them failed earlier");
            return;
        }

        foreach (var host in state.Hosts)
        {
            _play.Secrets.AddScope(_play.Variables.ScopeFor(host, null));
        }

        var batches = PlayHosts.Batches(state.Hosts, play.Serial);
        for (var b = 0; b < batches.Count; b++)
        {
            state.Batch = batches[b].Where(h => h.Active).ToList();
            state.BatchAborted = false;
            run.Output.PlayStarted(new PlayStartedEvent(play.Name, play.Hosts, state.Batch.Select(h => h.Name).ToList(), b + 1, batches.Count, run.Time.GetUtcNow()));
            if (state.Batch.Count == 0)
            {
                continue;
            }

            var batchSize = state.Batch.Count;
            if (play.GatherFacts ?? run.Options.GatherFactsDefault)
            {
                await _facts.GatherAsync(cancellationToken);
            }

            await _strategy.RunBatchAsync(cancellationToken);
            if (state.BatchAborted)
            {
                run.Aborted = true;
                break;
            }

            // Ansible ends the play when every host of a batch failed; unreachable hosts do not count here,
            // so one dead host cannot stop a serial: 1 rollout (ansible#3845).
            if (batches[b].Count(h => h.Failed) == batchSize)
            {
                run.Output.Warning($"play '{play.Name}': every host of batch {b + 1} failed; not starting the next batches");
                break;
            }
        }
    }
}
