namespace Orchestrator.Cli.Tests.HostileInput;

/// <summary>The hostile-input corpus under Cases/run/ (see <see cref="HostileInputCase"/>); one class per area so areas run in parallel.</summary>
public sealed class RunCorpusTests
{
    public static TheoryData<string> Cases() => HostileInputCase.Names("run");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_FailsCleanlyWithinBounds(string name) => HostileInputRunner.RunAsync("run", name);
}
