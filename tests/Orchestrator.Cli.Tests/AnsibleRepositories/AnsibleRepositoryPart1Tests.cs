namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>The odd-numbered cases of the differential suite (see <see cref="AnsibleRepositoryTests"/>).</summary>
[Trait("Requires", "ansible")]
public sealed class AnsibleRepositoryPart1Tests : AnsibleRepositoryTests
{
    public static TheoryData<string> Cases => CasesOfPart(1);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_RunsAsAnsiblePlaybookDoes(string name) => RunsAsAnsiblePlaybookDoes(name);
}
