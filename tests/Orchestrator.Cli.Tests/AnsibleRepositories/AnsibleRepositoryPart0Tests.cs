namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>The even-numbered cases of the differential suite (see <see cref="AnsibleRepositoryTests"/>).</summary>
[Trait("Requires", "ansible")]
public sealed class AnsibleRepositoryPart0Tests : AnsibleRepositoryTests
{
    public static TheoryData<string> Cases => CasesOfPart(0);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_RunsAsAnsiblePlaybookDoes(string name) => RunsAsAnsiblePlaybookDoes(name);
}
