namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>One module argument fed a payload (<see cref="Task"/>), or skipped (<see cref="SkipReason"/>).</summary>
internal sealed record PayloadCase(string Module, string Argument, string? Task, string? SkipReason)
{
    /// <summary>The payload's number: its variable is <c>p{Index}</c>, its marker ends in <c>-{Index}</c>.</summary>
    public int Index { get; init; }

    public override string ToString() => $"{Module}.{Argument}";
}
