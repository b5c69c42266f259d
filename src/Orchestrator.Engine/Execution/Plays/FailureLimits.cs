using System.Globalization;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Plays;

/// <summary>any_errors_fatal and max_fail_percentage, checked after each task on the batch (not inside a block that can rescue).</summary>
internal static class FailureLimits
{
    /// <param name="failedBefore">How many hosts of the batch had failed before the task.</param>
    public static void Check(PlayContext play, TaskDefinition task, int failedBefore, bool rescuable)
    {
        if (rescuable)
        {
            return;
        }

        var state = play.State;

        // The free strategy checks from every host's own flow.
        lock (state)
        {
            var failedNow = state.FailedInBatch;
            var output = play.Run.Output;
            if (task.EffectiveAnyErrorsFatal && failedNow > failedBefore)
            {
                output.Warning($"any_errors_fatal: '{task.DisplayName}' failed on {failedNow - failedBefore} host(s); stopping the play");
                state.BatchAborted = true;
                return;
            }

            if (play.Play.MaxFailPercentage is { } max && state.Batch.Count > 0)
            {
                // Exceeded, not equalled: with 4 hosts, 49% stops on 2 failures, 50% does not.
                var percent = 100.0 * failedNow / state.Batch.Count;
                if (percent > max)
                {
                    output.Warning(string.Create(
                        CultureInfo.InvariantCulture,
                        $"max_fail_percentage {max}% exceeded: {failedNow} of {state.Batch.Count} hosts in this batch failed ({percent:0.#}%); stopping the play"));
                    state.BatchAborted = true;
                }
            }
        }
    }
}
