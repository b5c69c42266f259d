using Orchestrator.Core.Errors;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>
/// Runs a loop-less task, or one loop item: <c>when</c>, the arguments, the connection, then each attempt (plan,
/// apply, changed_when/failed_when, until) as often as <c>retries</c> allows.
/// </summary>
internal sealed class ItemRunner(PlayContext play, ConnectionResolver connections)
{
    private readonly TaskConditions _conditions = new(play.Run.Templates);
    private readonly ArgumentRenderer _arguments = new(play.Run.Templates, play.Secrets);

    /// <summary>The item, unless <c>when</c> skips it (or check mode cannot tell); a template or argument error fails it.</summary>
    public async Task<ItemResult> RunWhenAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        try
        {
            var reads = new HashSet<string>(StringComparer.Ordinal);
            var when = _conditions.When(invocation, reads);
            if (invocation.Check && TaskConditions.PendingVarRead(invocation.Host, reads) is { } pendingVar && when is not false)
            {
                return ItemResult.WithMessage(TaskOutcome.Unknown, $"the condition uses '{pendingVar}', which is not known in check mode");
            }

            return when is false
                ? ItemResult.Skipped("Conditional result was False")
                : await RunAsync(invocation, cancellationToken);
        }
        catch (UserInputException ex)
        {
            // Template and argument errors on a host fail the task on that host, as in Ansible.
            return ItemResult.WithMessage(TaskOutcome.Failed, ex.Message);
        }
    }

    private async Task<ItemResult> RunAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var (task, host, scope) = (invocation.Task, invocation.Host, invocation.Scope);
        play.Run.Options.Modules.TryGet(task.ModuleName, out var module);
        var reads = new HashSet<string>(StringComparer.Ordinal);
        var args = _arguments.Render(task, module, scope, reads);
        IHostConnection? connection = null;
        if (module.NeedsConnection)
        {
            connection = await connections.ForTaskAsync(host, invocation.DelegateTo, cancellationToken);
        }

        var retries = task.Until is null ? 0 : _arguments.Integer(task.Retries, 3, scope, task, "retries");
        var delay = task.Until is null ? 0 : _arguments.Integer(task.Delay, 5, scope, task, "delay");
        var attempts = 0;

        async ValueTask<ItemResult> Attempt(CancellationToken ct)
        {
            attempts++;
            var services = new ModuleServices(play.Run, task, scope, reads, host.PendingResources);
            var context = new ModuleContext(invocation.DelegateTo ?? host.Name, connection, args, services, invocation.Check, invocation.Diff, task.DeclaredBecome ?? play.Run.Options.BecomeDefault, task.EffectiveBecomeUser);
            var item = await ModuleInvoker.PlanAndApplyAsync(module, context, host, invocation.Check, ct);
            if (invocation.Check && item.Outcome is TaskOutcome.Ok or TaskOutcome.Changed && TaskConditions.PendingVarRead(host, reads) is { } pendingVar)
            {
                // Facts computed from an unknown value are set, but stay unknown for later tasks.
                item = new ItemResult(TaskOutcome.Unknown, ItemResult.MessageData($"uses '{pendingVar}', which is not known in check mode"), item.Diffs, null)
                {
                    ResultPredictable = false,
                    Facts = item.Facts,
                };
            }

            _conditions.ApplyChangedFailedWhen(invocation, item);
            return _conditions.ApplyUntil(invocation, item, attempts);
        }

        if (task.Until is null || invocation.Check || retries <= 0)
        {
            return await Attempt(cancellationToken);
        }

        return await UntilRetry.RunAsync(Attempt, retries, delay, play.Run.Time, cancellationToken);
    }
}
