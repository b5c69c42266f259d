namespace Orchestrator.Cli.Tests.HostileInput;

/// <summary>The hostile-input corpus under Cases/sweep/ (see <see cref="HostileInputCase"/>); one class per area so areas run in parallel.</summary>
public sealed class SweepCorpusTests
{
    public static TheoryData<string> Cases() => HostileInputCase.Names("sweep");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_FailsCleanlyWithinBounds(string name) => HostileInputRunner.RunAsync("sweep", name);
}
