using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>
/// Compares what ansible-playbook and orchestrator did with one case; <see cref="Differences"/> is empty when they
/// match, otherwise a report with a small diff per aspect (- ansible-playbook, + orchestrator) and both tools' output.
/// </summary>
public static class RunComparison
{
    private const int OutputLineLimit = 300;

    public static string Differences(RepositoryCase repositoryCase, RepositoryRun ansible, RepositoryRun ours)
    {
        var report = new StringBuilder();
        if (repositoryCase.LoadError)
        {
            // Ansible stops at load with exit 1 and no recap; we only ask that both refuse and that nothing ran.
            if (ansible.ExitCode == 0 || ours.ExitCode == 0)
            {
                report.AppendLine($"exit code: both tools must refuse this repository; ansible-playbook {ansible.ExitCode}, orchestrator {ours.ExitCode}");
            }
        }
        else
        {
            if (ansible.ExitCode != ours.ExitCode)
            {
                report.AppendLine($"exit code: ansible-playbook {ansible.ExitCode}, orchestrator {ours.ExitCode}");
            }

            Compare(report, "recap", ansible.Recap, ours.Recap);
            Compare(report, "task order (task | host | status)", ansible.TaskOrder(), ours.TaskOrder());
        }

        Compare(report, "files under out/", ansible.Files, ours.Files);
        foreach (var message in repositoryCase.Messages.Where(m => !ours.Output.Contains(m, StringComparison.Ordinal)))
        {
            report.AppendLine($"orchestrator's output does not hold '{message}'");
        }

        if (report.Length == 0)
        {
            return "";
        }

        report.Insert(0, $"case {repositoryCase.Name} ({repositoryCase.Folder}): orchestrator differs from ansible-playbook\n");
        report.AppendLine("--- ansible-playbook output ---");
        report.AppendLine(Shorten(ansible.Output));
        report.AppendLine("--- orchestrator output ---");
        report.AppendLine(Shorten(ours.Output));
        return report.ToString();
    }

    private static void Compare(StringBuilder report, string aspect, IReadOnlyList<string> ansible, IReadOnlyList<string> ours)
    {
        if (ansible.SequenceEqual(ours, StringComparer.Ordinal))
        {
            return;
        }

        report.AppendLine($"{aspect} (- ansible-playbook, + orchestrator):");
        var diff = InlineDiffBuilder.Diff(string.Join('\n', ansible), string.Join('\n', ours), ignoreWhiteSpace: false);
        foreach (var line in diff.Lines)
        {
            var mark = line.Type switch
            {
                ChangeType.Deleted => "- ",
                ChangeType.Inserted => "+ ",
                _ => "  ",
            };
            report.Append("  ").Append(mark).AppendLine(line.Text);
        }
    }

    private static string Shorten(string output) =>
        string.Join('\n', output.Split('\n').Select(l => l.Length > OutputLineLimit ? l[..OutputLineLimit] + "..." : l));
}
