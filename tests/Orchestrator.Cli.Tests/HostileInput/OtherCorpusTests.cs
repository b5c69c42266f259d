namespace Orchestrator.Cli.Tests.HostileInput;

/// <summary>The hostile-input corpus under Cases/other/ (see <see cref="HostileInputCase"/>); one class per area so areas run in parallel.</summary>
public sealed class OtherCorpusTests
{
    public static TheoryData<string> Cases() => HostileInputCase.Names("other");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_FailsCleanlyWithinBounds(string name) => HostileInputRunner.RunAsync("other", name);
}
