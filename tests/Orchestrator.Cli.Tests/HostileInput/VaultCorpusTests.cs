namespace Orchestrator.Cli.Tests.HostileInput;

/// <summary>The hostile-input corpus under Cases/vault/ (see <see cref="HostileInputCase"/>); one class per area so areas run in parallel.</summary>
public sealed class VaultCorpusTests
{
    public static TheoryData<string> Cases() => HostileInputCase.Names("vault");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_FailsCleanlyWithinBounds(string name) => HostileInputRunner.RunAsync("vault", name);
}
