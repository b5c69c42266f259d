namespace Orchestrator.Cli.Tests.HostileInput;

/// <summary>The hostile-input corpus under Cases/inventory/ (see <see cref="HostileInputCase"/>); one class per area so areas run in parallel.</summary>
public sealed class InventoryCorpusTests
{
    public static TheoryData<string> Cases() => HostileInputCase.Names("inventory");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_FailsCleanlyWithinBounds(string name) => HostileInputRunner.RunAsync("inventory", name);
}
