using Orchestrator.Engine.Output;

namespace Orchestrator.Engine;

/// <summary>What a run ended with.</summary>
public sealed class PlaybookRunResult
{
    public required int ExitCode { get; init; }

    public required IReadOnlyList<HostRecap> Hosts { get; init; }

    /// <summary>A play was stopped by max_fail_percentage or any_errors_fatal.</summary>
    public required bool Aborted { get; init; }

    /// <summary>In check mode: something would change or could not be predicted.</summary>
    public required bool ChangesPending { get; init; }
}
