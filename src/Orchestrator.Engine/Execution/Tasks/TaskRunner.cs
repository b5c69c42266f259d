using Orchestrator.Core.Errors;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating.Lookups;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>Runs one task on one host, start to recorded result: delegate_to, then the loop or the single item.</summary>
internal sealed class TaskRunner
{
    private readonly PlayContext _play;
    private readonly ResultRecorder _recorder;
    private readonly ItemRunner _items;
    private readonly LoopRunner _loops;

    public TaskRunner(PlayContext play, ConnectionResolver connections, TaskEvents events, ResultRecorder recorder)
    {
        _play = play;
        _recorder = recorder;
        _items = new ItemRunner(play, connections);
        _loops = new LoopRunner(play, _items, events, recorder);
    }

    public async Task<HostTaskResult> RunAsync(TaskDefinition task, HostState host, bool rescuable, CancellationToken cancellationToken)
    {
        var invocation = TaskInvocation.Begin(_play, task, host, rescuable);
        var files = new ModuleServices(_play.Run, task, invocation.Scope, [], host.PendingResources);
        new LookupHost(files.ResolveLocalPath, files.SearchDirectories, _play.Run.Playbook.Directory, m => _play.Run.Output.Warning(_play.Run.Redactor.Redact(m))).Enter();
        try
        {
            if (task.EffectiveDelegateTo is { } delegateTo)
            {
                invocation = invocation with { DelegateTo = _play.Run.Templates.RenderText(delegateTo.Text, invocation.Scope, delegateTo.Location) };
            }

            return task.Loop is null
                ? _recorder.Record(invocation, await _items.RunWhenAsync(invocation, cancellationToken), loopSummary: false)
                : await _loops.RunAsync(invocation, cancellationToken);
        }
        catch (HostUnreachableException ex)
        {
            return _recorder.Record(invocation, ItemResult.WithMessage(TaskOutcome.Unreachable, ex.Message), loopSummary: false);
        }
        catch (UserInputException ex)
        {
            // Template errors outside an item (delegate_to, the loop's list) fail the task on that host, as in Ansible.
            return _recorder.Record(invocation, ItemResult.WithMessage(TaskOutcome.Failed, ex.Message), loopSummary: false);
        }
    }
}
