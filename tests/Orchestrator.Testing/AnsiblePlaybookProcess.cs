using System.Text.Json;
using Orchestrator.Engine.Output;

namespace Orchestrator.Testing;

/// <summary>
/// Runs the real ansible-playbook in a directory with a clean environment (PATH, HOME in the directory, its
/// ansible.cfg, no colours, no retry files), for differential tests. Missing ansible-playbook fails with how to install it.
/// </summary>
public static class AnsiblePlaybookProcess
{
    public const string Executable = "/usr/bin/ansible-playbook";

    public static async Task<ProcessResult> RunAsync(string directory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install ansible-core (scripts/install-deps.sh); this test compares with it");
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = directory,
            ["ANSIBLE_CONFIG"] = Path.Combine(directory, "ansible.cfg"),
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(directory, "tmp"),
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "0",
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        // env -i: only these variables reach Ansible, whatever the test runner's environment holds.
        return await ProcessRunner.RunAsync("/usr/bin/env", ["-i", .. env.Select(e => $"{e.Key}={e.Value}"), Executable, .. arguments], directory, timeout: TimeSpan.FromMinutes(3));
    }

    /// <summary>
    /// Runs a playbook (exit 0 required) with a callback that prints every result as JSON; gives, for each task whose
    /// name starts with "show ", the <c>msg</c> of its result or of each loop item. Compare with <see cref="ShowMessages"/>.
    /// </summary>
    public static async Task<Dictionary<string, List<string>>> ShowMessagesAsync(string directory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var plugins = Path.Combine(directory, "callback_plugins");
        Directory.CreateDirectory(plugins);
        await File.WriteAllTextAsync(Path.Combine(plugins, "taskjson.py"), JsonCallback);
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["ANSIBLE_CALLBACK_PLUGINS"] = plugins,
            ["ANSIBLE_STDOUT_CALLBACK"] = "taskjson",
        };
        var run = await RunAsync(directory, arguments, env);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"ansible-playbook exited {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        }

        var results = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray())
        {
            var task = entry.GetProperty("task").GetString()!;
            if (!task.StartsWith("show ", StringComparison.Ordinal))
            {
                continue;
            }

            var result = entry.GetProperty("result");
            var messages = result.TryGetProperty("results", out var items) ? items.EnumerateArray().Select(i => i.GetProperty("msg")).ToList() : [result.GetProperty("msg")];
            results[task] = messages.Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText()).ToList();
        }

        return results;
    }

    /// <summary>The engine's side of <see cref="ShowMessagesAsync"/>: each "show " task's message, or its items' messages.</summary>
    public static Dictionary<string, List<string>> ShowMessages(RecordingRunOutput events) =>
        events.Results
            .Where(r => r.Task.StartsWith("show ", StringComparison.Ordinal))
            .GroupBy(r => r.Task)
            .ToDictionary(
                g => g.Key,
                g => (g.Any(r => r.Item is not null) ? g.Where(r => r.Item is not null) : g).Select(r => r.Message ?? "(none)").ToList(),
                StringComparer.Ordinal);

    /// <summary>
    /// A stdout callback plugin (<c>taskjson</c>) that prints every result as JSON at the end: ansible-core has no JSON
    /// stdout callback of its own (that one is in ansible.posix).
    /// </summary>
    public const string JsonCallback = """
        import json
        from ansible.plugins.callback import CallbackBase

        class CallbackModule(CallbackBase):
            CALLBACK_VERSION = 2.0
            CALLBACK_TYPE = 'stdout'
            CALLBACK_NAME = 'taskjson'

            def __init__(self):
                super().__init__()
                self._results = []

            def _add(self, result, status):
                self._results.append({'task': result._task.get_name(), 'status': status, 'result': result._result})

            def v2_runner_on_ok(self, result):
                self._add(result, 'ok')

            def v2_runner_on_failed(self, result, ignore_errors=False):
                self._add(result, 'failed')

            def v2_runner_on_skipped(self, result):
                self._add(result, 'skipped')

            def v2_runner_on_unreachable(self, result):
                self._add(result, 'unreachable')

            def v2_playbook_on_stats(self, stats):
                self._display.display(json.dumps(self._results, default=str))
        """;
}
