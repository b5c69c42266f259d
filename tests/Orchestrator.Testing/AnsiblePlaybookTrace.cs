using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Testing;

/// <summary>
/// Runs the real ansible-playbook on a directory (local connection, clean environment, its ansible.cfg) and returns
/// what a differential test compares: one line per task result ("ok [host] role : task", "included [host] ...",
/// handlers too) in the order Ansible printed them, then one recap line per host.
/// </summary>
public static class AnsiblePlaybookTrace
{
    private const string AnsiblePlaybook = "/usr/bin/ansible-playbook";

    // ansible-core has no JSON stdout callback (that one is in ansible.posix); this one prints the trace as JSON.
    private const string Callback = """
        import json
        from ansible.plugins.callback import CallbackBase

        class CallbackModule(CallbackBase):
            CALLBACK_VERSION = 2.0
            CALLBACK_TYPE = 'stdout'
            CALLBACK_NAME = 'trace'

            def __init__(self):
                super().__init__()
                self._lines = []
                self._included = set()

            def _add(self, status, result):
                line = '%s [%s] %s' % (status, result._host.get_name(), result._task.get_name())
                if result._task.action in ('debug', 'ansible.builtin.debug') and 'msg' in result._result:
                    line += ' => %s' % result._result['msg']
                self._lines.append(line)

            def v2_runner_on_ok(self, result):
                # An include's own result is its "included" lines (v2_playbook_on_include), as the default callback shows it.
                if result._task.action in ('include_tasks', 'include_role', 'ansible.builtin.include_tasks', 'ansible.builtin.include_role'):
                    return
                self._add('changed' if result._result.get('changed') else 'ok', result)

            def v2_runner_on_failed(self, result, ignore_errors=False):
                self._add('failed', result)

            def v2_runner_on_skipped(self, result):
                self._add('skipped', result)

            def v2_runner_on_unreachable(self, result):
                self._add('unreachable', result)

            def v2_playbook_on_include(self, included_file):
                # One line per host and include task: a looped include reaches several files, but it is one result
                # per host (its loop result), as Orchestrator reports it.
                for host in included_file._hosts:
                    key = (included_file._task._uuid, host.get_name())
                    if key in self._included:
                        continue
                    self._included.add(key)
                    self._lines.append('included [%s] %s' % (host.get_name(), included_file._task.get_name()))

            def v2_playbook_on_stats(self, stats):
                for host in sorted(stats.processed.keys()):
                    s = stats.summarize(host)
                    self._lines.append('recap %s ok=%d changed=%d unreachable=%d failed=%d skipped=%d rescued=%d ignored=%d' % (
                        host, s['ok'], s['changed'], s['unreachable'], s['failures'], s['skipped'], s['rescued'], s['ignored']))
                self._display.display(json.dumps(self._lines))
        """;

    /// <summary>Runs <paramref name="playbook"/> in <paramref name="directory"/> with <c>-i inventory.ini</c>; returns the trace and the exit code.</summary>
    public static async Task<(IReadOnlyList<string> Lines, int ExitCode, string Stderr)> RunAsync(string directory, string playbook, params string[] arguments)
    {
        Assert.True(File.Exists(AnsiblePlaybook), $"{AnsiblePlaybook} is missing: install ansible-core (scripts/install-deps.sh); this test compares with it");
        var plugins = Path.Combine(directory, ".trace_callback");
        Directory.CreateDirectory(plugins);
        await File.WriteAllTextAsync(Path.Combine(plugins, "trace.py"), Callback);
        var config = Path.Combine(directory, "ansible.cfg");
        if (!File.Exists(config))
        {
            await File.WriteAllTextAsync(config, "[defaults]\n");
        }

        var info = new ProcessStartInfo(AnsiblePlaybook)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-i", "inventory.ini", playbook }.Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        info.Environment["HOME"] = directory;
        info.Environment["ANSIBLE_CONFIG"] = config;
        info.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(directory, ".tmp");
        info.Environment["ANSIBLE_NOCOLOR"] = "1";
        info.Environment["ANSIBLE_RETRY_FILES_ENABLED"] = "0";
        info.Environment["ANSIBLE_CALLBACK_PLUGINS"] = plugins;
        info.Environment["ANSIBLE_STDOUT_CALLBACK"] = "trace";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout;
        var json = text.Split('\n').LastOrDefault(l => l.StartsWith("[\"", StringComparison.Ordinal));
        Assert.True(json is not null, $"ansible-playbook printed no trace (exit {process.ExitCode}):\n{text}\n{await stderr}");
        var lines = JsonSerializer.Deserialize<List<string>>(json) ?? [];
        return (lines, process.ExitCode, await stderr);
    }
}
