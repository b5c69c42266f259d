using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>
/// The differential suite (issue 13): each case, a small Ansible repository, is copied twice and run by
/// <c>ansible-playbook site.yml</c> and by <c>orchestrator run site.yml</c>, both with no -i (ansible.cfg names the
/// inventory) in a clean environment; exit code, recap, task order and files under out/ must be identical. The cases
/// are split over two classes so that xunit runs two at once.
/// </summary>
public abstract class AnsibleRepositoryTests
{
    private const int Parts = 2;

    protected static TheoryData<string> CasesOfPart(int part)
    {
        var data = new TheoryData<string>();
        var names = RepositoryCase.AllNames();
        for (var i = part; i < names.Count; i += Parts)
        {
            data.Add(names[i]);
        }

        return data;
    }

    protected static async Task RunsAsAnsiblePlaybookDoes(string name)
    {
        var repositoryCase = RepositoryCase.Load(name);
        using var root = new TempDirectory($"ansible-repository-{name}-");
        var ansibleDirectory = Directory.CreateDirectory(root.Combine("ansible")).FullName;
        var oursDirectory = Directory.CreateDirectory(root.Combine("orchestrator")).FullName;
        var ansibleHome = Directory.CreateDirectory(root.Combine("home-ansible")).FullName;
        var oursHome = Directory.CreateDirectory(root.Combine("home-orchestrator")).FullName;
        repositoryCase.CopyTo(ansibleDirectory);
        repositoryCase.CopyTo(oursDirectory);

        var runs = await Task.WhenAll(
            AnsiblePlaybookRunner.RunAsync(repositoryCase, ansibleDirectory, ansibleHome),
            OrchestratorRunRunner.RunAsync(repositoryCase, oursDirectory, oursHome));

        var differences = RunComparison.Differences(repositoryCase, runs[0], runs[1]);
        Assert.True(differences.Length == 0, differences);
    }
}
