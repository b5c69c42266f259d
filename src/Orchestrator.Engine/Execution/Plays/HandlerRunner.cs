using Orchestrator.Engine.Execution.Tasks;

namespace Orchestrator.Engine.Execution.Plays;

/// <summary>Flushes handlers: each notified handler once, in the order the handlers are written, on the hosts that notified it.</summary>
internal sealed class HandlerRunner(PlayContext play, TaskRunner tasks, TaskEvents events, ResultRecorder recorder)
{
    public async Task FlushAsync(IReadOnlyList<HostState> hosts, CancellationToken cancellationToken)
    {
        // A copy: include_role adds its role's handlers while the play runs.
        foreach (var handler in play.Play.Handlers.ToList())
        {
            var notified = hosts.Where(h =>
                    (h.Notified.Contains(handler) || h.MaybeNotified.Contains(handler))
                    && !h.Unreachable
                    && (!h.Failed || play.ForceHandlers))
                .ToList();
            if (notified.Count == 0)
            {
                continue;
            }

            events.Announce(handler);
            await Task.WhenAll(notified.Select(async host =>
            {
                var definite = host.Notified.Remove(handler);
                host.MaybeNotified.Remove(handler);

                // A forced handler runs on a failed host; the host stays failed whatever the handler does.
                var wasFailed = host.Failed;
                host.Failed = false;
                try
                {
                    await play.Run.Forks.RunAsync(
                        async () =>
                        {
                            if (definite)
                            {
                                await tasks.RunAsync(handler, host, rescuable: false, cancellationToken);
                            }
                            else
                            {
                                // Check mode: only a task with an unknown outcome notified it.
                                recorder.UnknownHandler(handler, host);
                            }
                        },
                        cancellationToken);
                }
                finally
                {
                    host.Failed |= wasFailed;
                }
            }));
        }

        foreach (var h in hosts)
        {
            if (h.Failed && !play.ForceHandlers)
            {
                h.Notified.Clear();
                h.MaybeNotified.Clear();
            }
        }
    }
}
