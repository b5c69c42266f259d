using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>Runs a case with <c>orchestrator run &lt;playbook&gt; -o json</c> (the built binary) and reads its JSON lines.</summary>
public static class OrchestratorRunRunner
{
    // Include tasks report "ok" per host where they are reached; Ansible's callbacks see the same, outside its recap.
    private static readonly HashSet<string> IncludeModules = new(StringComparer.Ordinal)
    {
        "include_tasks", "ansible.builtin.include_tasks", "include_role", "ansible.builtin.include_role", "include", "ansible.builtin.include",
    };

    public static async Task<RepositoryRun> RunAsync(RepositoryCase repositoryCase, string workDirectory, string home)
    {
        Assert.True(File.Exists(OrchestratorCli.Executable), $"{OrchestratorCli.Executable} is missing: build the solution");
        var result = await ProcessRunner.RunAsync(
            OrchestratorCli.Executable,
            ["run", repositoryCase.Playbook, "-o", "json", .. repositoryCase.Arguments],
            workDirectory,
            environment: repositoryCase.EnvironmentWith(home),
            inheritEnvironment: false);

        var tasks = new List<TaskResultLine>();
        var recap = new List<string>();
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            switch (root.GetProperty("type").GetString())
            {
                case "task_result":
                    tasks.Add(new TaskResultLine(Text(root, "task"), Text(root, "host"), Status(root)));
                    break;
                case "recap":
                    foreach (var host in root.GetProperty("hosts").EnumerateObject().OrderBy(h => h.Name, StringComparer.Ordinal))
                    {
                        int Count(string name) => host.Value.TryGetProperty(name, out var n) ? n.GetInt32() : 0;
                        recap.Add(RepositoryRun.RecapLine(
                            host.Name, Count("ok"), Count("changed"), Count("unreachable"), Count("failed"), Count("skipped"), Count("rescued"), Count("ignored"), Count("unknown")));
                    }

                    break;
                default:
                    break;
            }
        }

        return RepositoryRun.Finished(result, tasks, recap, workDirectory);
    }

    private static string Status(JsonElement result)
    {
        var status = Text(result, "status");
        if (status == "failed" && result.TryGetProperty("ignored", out var ignored) && ignored.ValueKind == JsonValueKind.True)
        {
            return "failed (ignored)";
        }

        return status == "ok" && IncludeModules.Contains(Text(result, "module")) ? "included" : status;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
