using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>Runs a case with the real <c>ansible-playbook</c>, recording task results and the recap with recorder.py.</summary>
public static class AnsiblePlaybookRunner
{
    private const string AnsiblePlaybook = "/usr/bin/ansible-playbook";

    public static async Task<RepositoryRun> RunAsync(RepositoryCase repositoryCase, string workDirectory, string home)
    {
        Assert.True(File.Exists(AnsiblePlaybook), $"{AnsiblePlaybook} is missing: install ansible-core (scripts/install-deps.sh); these tests compare with it");
        var events = Path.Combine(home, "events.json");
        var environment = repositoryCase.EnvironmentWith(home);
        environment["ANSIBLE_CALLBACK_PLUGINS"] = Path.Combine(AppContext.BaseDirectory, "AnsibleRepositories");
        environment["ANSIBLE_CALLBACKS_ENABLED"] = "recorder";
        environment["ANSIBLE_NOCOLOR"] = "1";
        environment["ORCHESTRATOR_DIFF_EVENTS"] = events;
        // Under a HOME that is not the user's, async_status looks for jobs in the passwd home (/root/.ansible_async)
        // while the job wrote under $HOME: one explicit directory keeps both in the temp home.
        environment["ANSIBLE_ASYNC_DIR"] = Path.Combine(home, ".ansible_async");
        var result = await ProcessRunner.RunAsync(
            AnsiblePlaybook,
            [repositoryCase.Playbook, .. repositoryCase.Arguments],
            workDirectory,
            environment: environment,
            inheritEnvironment: false);

        var tasks = new List<TaskResultLine>();
        var recap = new List<string>();
        if (File.Exists(events))
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(events));
            foreach (var task in document.RootElement.GetProperty("tasks").EnumerateArray())
            {
                tasks.Add(new TaskResultLine(Text(task, "task"), Text(task, "host"), Text(task, "status")));
            }

            foreach (var host in document.RootElement.GetProperty("recap").EnumerateObject())
            {
                int Count(string name) => host.Value.GetProperty(name).GetInt32();
                recap.Add(RepositoryRun.RecapLine(
                    host.Name, Count("ok"), Count("changed"), Count("unreachable"), Count("failed"), Count("skipped"), Count("rescued"), Count("ignored"), 0));
            }
        }

        return RepositoryRun.Finished(result, tasks, recap, workDirectory);
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? "";
}
