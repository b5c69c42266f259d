namespace Orchestrator.Compliance.Results;

/// <summary>One control evaluated on one host.</summary>
/// <param name="Message">One line saying what was found.</param>
/// <param name="Evidence">The observed values, as plain data (string, long, double, bool, lists, maps).</param>
/// <param name="WaivedOutcome">For a waived control, what the check found underneath the waiver.</param>
public sealed record ControlResult(
    string Host,
    string ControlId,
    ControlStatus Status,
    string Message,
    IReadOnlyDictionary<string, object?> Evidence)
{
    public ControlStatus? WaivedOutcome { get; init; }

    /// <summary>The waiver's justification and expiry, for a waived control.</summary>
    public WaiverInfo? Waiver { get; init; }
}
