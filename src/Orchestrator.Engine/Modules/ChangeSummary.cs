namespace Orchestrator.Engine.Modules;

/// <summary>
/// A change in words, written once and rendered twice: <see cref="Planned"/> ("would create directory /x") for the
/// plan and <see cref="Applied"/> ("create directory /x") for the result of applying it, so the two cannot drift.
/// </summary>
/// <param name="Verb">What the change does ("remove", "start and enable").</param>
/// <param name="Subject">What it does it to ("/tmp/old", "nginx").</param>
public sealed record ChangeSummary(string Verb, string Subject)
{
    /// <summary>The verb once applied, when it is not <see cref="Verb"/> ("changed" for "change").</summary>
    public string? AppliedVerb { get; init; }

    public string Planned => $"would {Verb} {Subject}";

    public string Applied => $"{AppliedVerb ?? Verb} {Subject}";
}
