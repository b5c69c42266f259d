using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary>
/// Runs one playbook (local connection) through the engine and through ansible-playbook, and returns what each
/// "show ..." task printed (<c>debug msg</c>, the first loop item's for a loop), by task name.
/// </summary>
internal static class PlaybookComparison
{
    private const string AnsiblePlaybook = "/usr/bin/ansible-playbook";

    /// <summary>The engine's "show" messages; the run must succeed.</summary>
    public static async Task<Dictionary<string, string>> EngineAsync(string playbook, IReadOnlyList<string> inventory, IReadOnlyList<string> extraVars)
    {
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor });
        var events = new RecordingRunOutput();
        var result = await PlaybookRunner.RunAsync(
            new PlaybookRunOptions
            {
                PlaybookPath = playbook,
                Inventory = InventoryLoader.Load(inventory),
                Connector = connector,
                ExtraVars = ExtraVariables.Parse(extraVars),
                Output = events,
                Redactor = redactor,
            },
            CancellationToken.None);
        Assert.True(result.ExitCode == 0, string.Join('\n', events.Results.Select(r => $"{r.Task}: {r.Message}")));
        return events.Results
            .Where(r => r.Task.StartsWith("show ", StringComparison.Ordinal))
            .GroupBy(r => r.Task)
            .ToDictionary(g => g.Key, g => g.First().Message ?? "(none)", StringComparer.Ordinal);
    }

    /// <summary>ansible-playbook's "show" messages, run in <paramref name="dir"/> with a clean environment; the run must succeed.</summary>
    public static async Task<Dictionary<string, string>> AnsibleAsync(TempDirectory dir, string playbook, IReadOnlyList<string> inventory, IReadOnlyList<string> extraVars)
    {
        Assert.True(File.Exists(AnsiblePlaybook), $"{AnsiblePlaybook} is missing: install ansible-core (scripts/install-deps.sh); this test compares with it");
        dir.Write("ansible-test/ansible.cfg", "[defaults]\n");
        dir.Write("ansible-test/callback_plugins/taskjson.py", AnsiblePlaybookProcess.JsonCallback);
        var info = new ProcessStartInfo(AnsiblePlaybook)
        {
            WorkingDirectory = dir.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var source in inventory)
        {
            info.ArgumentList.Add("-i");
            info.ArgumentList.Add(source);
        }

        info.ArgumentList.Add(playbook);
        foreach (var e in extraVars)
        {
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add(e);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        info.Environment["HOME"] = dir.Path;
        info.Environment["ANSIBLE_CONFIG"] = dir.Combine("ansible-test/ansible.cfg");
        info.Environment["ANSIBLE_LOCAL_TEMP"] = dir.Combine("ansible-test/tmp");
        info.Environment["ANSIBLE_NOCOLOR"] = "1";
        info.Environment["ANSIBLE_RETRY_FILES_ENABLED"] = "0";
        info.Environment["ANSIBLE_CALLBACK_PLUGINS"] = dir.Combine("ansible-test/callback_plugins");
        info.Environment["ANSIBLE_STDOUT_CALLBACK"] = "taskjson";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ansible-playbook exited {process.ExitCode}:\n{await stdout}\n{await stderr}");

        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in JsonDocument.Parse(await stdout).RootElement.EnumerateArray())
        {
            var task = entry.GetProperty("task").GetString()!;
            if (!task.StartsWith("show ", StringComparison.Ordinal))
            {
                continue;
            }

            var result = entry.GetProperty("result");
            var msg = result.TryGetProperty("results", out var items) ? items[0].GetProperty("msg") : result.GetProperty("msg");
            results[task] = msg.ValueKind == JsonValueKind.String ? msg.GetString()! : msg.GetRawText();
        }

        return results;
    }
}
