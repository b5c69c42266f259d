using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>Marks the handlers a task notifies (by name or listen topic) on a host.</summary>
internal static class HandlerNotifier
{
    /// <param name="definitely">The task changed something.</param>
    /// <param name="maybe">Check mode: the task's outcome is unknown, so the handler's is too.</param>
    public static void Notify(Play play, TaskDefinition task, HostState host, bool definitely, bool maybe)
    {
        if (task.Notify.Count == 0 || (!definitely && !maybe))
        {
            return;
        }

        foreach (var handler in play.Handlers)
        {
            if (task.Notify.Any(n => n == handler.Name || (handler.Role is not null && n == handler.DisplayName) || handler.Listen.Contains(n)))
            {
                if (definitely)
                {
                    host.Notified.Add(handler);
                }
                else
                {
                    host.MaybeNotified.Add(handler);
                }
            }
        }
    }
}
