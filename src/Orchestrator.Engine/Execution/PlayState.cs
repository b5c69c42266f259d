using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution;

/// <summary>What one play knows while it runs: its hosts, the current serial batch, and whether the batch was stopped.</summary>
internal sealed class PlayState(Play play)
{
    public Play Play => play;

    /// <summary>The play's hosts that had not failed earlier in the run.</summary>
    public IReadOnlyList<HostState> Hosts { get; set; } = [];

    /// <summary>The serial batch running now (all of <see cref="Hosts"/> without serial).</summary>
    public IReadOnlyList<HostState> Batch { get; set; } = [];

    /// <summary>any_errors_fatal or max_fail_percentage stopped the batch, and with it the play and the run.</summary>
    public bool BatchAborted { get; set; }

    public int FailedInBatch => Batch.Count(h => h.Failed);
}
