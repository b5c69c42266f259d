using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary>
/// The same playbook through the engine (local connection) and through ansible-playbook: every precedence level
/// the engine has today, each pair of neighbours in one variable, must print the same values.
/// </summary>
public sealed class VariablePrecedenceAnsibleTests : IDisposable
{
    private const string AnsiblePlaybook = "/usr/bin/ansible-playbook";

    private const string Inventory = """
        [web]
        localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3 group_vs_host=inventory_host ansible_kernel=inventory

        [web:vars]
        group_only=inventory_group
        group_vs_host=inventory_group

        """;

    // Each "show" task prints one variable that two neighbouring levels set (its name says which).
    private const string Playbook = """
        - name: precedence
          hosts: web
          gather_facts: true
          vars:
            ansible_hostname: play
            play_vs_file: play
            inventory_hostname: play
          vars_files: [vars/first.yml, vars/second.yml]
          tasks:
            - set_fact: {task_vs_set_fact: set_fact, set_fact_vs_extra: set_fact, set_fact_vs_next_play: set_fact}
            - command: echo registered
              register: block_vs_register
            - block:
                - block:
                    - {name: show group_only, debug: {msg: "{{ group_only }}"}}
                    - {name: show group_vs_host, debug: {msg: "{{ group_vs_host }}"}}
                    - {name: show inventory_vs_facts, debug: {msg: "{{ 'inventory' if ansible_kernel == 'inventory' else 'facts' }}"}}
                    - {name: show facts_vs_play, debug: {msg: "{{ ansible_hostname }}"}}
                    - {name: show play_vs_file, debug: {msg: "{{ play_vs_file }}"}}
                    - {name: show file_vs_file, debug: {msg: "{{ file_vs_file }}"}}
                    - {name: show file_vs_block, debug: {msg: "{{ file_vs_block }}"}}
                    - {name: show outer_vs_inner, debug: {msg: "{{ outer_vs_inner }}"}}
                    - name: show block_vs_task
                      debug: {msg: "{{ block_vs_task }}"}
                      vars: {block_vs_task: task}
                    - name: show task_vs_set_fact
                      debug: {msg: "{{ task_vs_set_fact }}"}
                      vars: {task_vs_set_fact: task}
                    - {name: show block_vs_register, debug: {msg: "{{ block_vs_register.stdout }}"}}
                    - {name: show set_fact_vs_extra, debug: {msg: "{{ set_fact_vs_extra }}"}}
                    - {name: show extra_vs_magic, debug: {msg: "{{ ansible_play_name }}"}}
                    - {name: show host_magic_vs_play, debug: {msg: "{{ inventory_hostname }}"}}
                    - name: show extra_vs_loop
                      debug: {msg: "{{ item }}"}
                      loop: [loop]
                  vars: {outer_vs_inner: inner, block_vs_task: inner_block}
              vars: {file_vs_block: block, outer_vs_inner: outer, block_vs_register: block}
        - name: next
          hosts: web
          gather_facts: false
          vars:
            set_fact_vs_next_play: next_play_vars
          tasks:
            - {name: show set_fact_vs_next_play, debug: {msg: "{{ set_fact_vs_next_play }}"}}
        """;

    private static readonly string[] ExtraVars = ["set_fact_vs_extra=extra", "ansible_play_name=extra", "item=extra"];

    // ansible-core has no JSON stdout callback (that one is in ansible.posix); this one prints every result as JSON.
    private const string JsonCallback = """
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

    private readonly TempDirectory _dir = new("engine-precedence-");

    public VariablePrecedenceAnsibleTests()
    {
        _dir.Write("inventory.ini", Inventory);
        _dir.Write("site.yml", Playbook);
        _dir.Write("vars/first.yml", "play_vs_file: vars_file\nfile_vs_file: first_file\nfile_vs_block: vars_file\n");
        _dir.Write("vars/second.yml", "file_vs_file: second_file\n");
        _dir.Write("ansible.cfg", "[defaults]\n");
        _dir.Write("callback_plugins/taskjson.py", JsonCallback);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EveryLevelWeHave_PrintsWhatAnsiblePlaybookPrints()
    {
        var ansible = await AnsibleAsync();
        var engine = await EngineAsync();
        Assert.Equal(16, ansible.Count);
        Assert.Equal(ansible, engine);

        // The values themselves, so a shared mistake cannot pass.
        Assert.Equal("inventory_host", engine["show group_vs_host"]);
        Assert.Equal("facts", engine["show inventory_vs_facts"]);
        Assert.Equal("play", engine["show facts_vs_play"]);
        Assert.Equal("second_file", engine["show file_vs_file"]);
        Assert.Equal("set_fact", engine["show task_vs_set_fact"]);
        Assert.Equal("registered", engine["show block_vs_register"]);
        Assert.Equal("precedence", engine["show extra_vs_magic"]);
        Assert.Equal("loop", engine["show extra_vs_loop"]);
        Assert.Equal("set_fact", engine["show set_fact_vs_next_play"]);
    }

    private async Task<Dictionary<string, string>> EngineAsync()
    {
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor });
        var events = new RecordingRunOutput();
        var result = await PlaybookRunner.RunAsync(
            new PlaybookRunOptions
            {
                PlaybookPath = _dir.Combine("site.yml"),
                Inventory = InventoryLoader.Load([_dir.Combine("inventory.ini")]),
                Connector = connector,
                ExtraVars = ExtraVariables.Parse(ExtraVars),
                Output = events,
                Redactor = redactor,
            },
            CancellationToken.None);
        Assert.Equal(0, result.ExitCode);
        return events.Results
            .Where(r => r.Task.StartsWith("show ", StringComparison.Ordinal))
            .GroupBy(r => r.Task)
            .ToDictionary(g => g.Key, g => g.First().Message ?? "(none)", StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, string>> AnsibleAsync()
    {
        Assert.True(File.Exists(AnsiblePlaybook), $"{AnsiblePlaybook} is missing: install ansible-core (scripts/install-deps.sh); this test compares with it");
        var info = new ProcessStartInfo(AnsiblePlaybook)
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-i");
        info.ArgumentList.Add("inventory.ini");
        info.ArgumentList.Add("site.yml");
        foreach (var e in ExtraVars)
        {
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add(e);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        info.Environment["HOME"] = _dir.Path;
        info.Environment["ANSIBLE_CONFIG"] = _dir.Combine("ansible.cfg");
        info.Environment["ANSIBLE_LOCAL_TEMP"] = _dir.Combine("tmp");
        info.Environment["ANSIBLE_NOCOLOR"] = "1";
        info.Environment["ANSIBLE_RETRY_FILES_ENABLED"] = "0";
        info.Environment["ANSIBLE_CALLBACK_PLUGINS"] = _dir.Combine("callback_plugins");
        info.Environment["ANSIBLE_STDOUT_CALLBACK"] = "taskjson";
        using var process = Process.Start(info)!;
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
