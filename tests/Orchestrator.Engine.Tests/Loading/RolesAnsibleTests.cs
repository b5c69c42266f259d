using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Engine.Tests.Loading;

/// <summary>
/// Small repositories with roles, imports and includes, each run by the engine (local connection) and by
/// ansible-playbook: every task result in order (role prefixes, handlers, debug messages), the includes, the recap
/// and the files written must be the same.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class RolesAnsibleTests
{
    private const string Inventory = """
        h1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3
        h2 ansible_connection=local ansible_python_interpreter=/usr/bin/python3

        """;

    [Fact]
    public async Task Roles_DependenciesDuplicatesHandlersAndVariables_MatchAnsible()
    {
        var files = new Dictionary<string, string>
        {
            ["site.yml"] = """
                - hosts: all
                  gather_facts: false
                  vars: {shared: play}
                  pre_tasks:
                    - {name: pre, debug: {msg: "pre sees {{ from_a_defaults }} {{ from_a_vars }}"}}
                  roles:
                    - a
                    - role: b
                      tags: [btag]
                      b_param: given
                    - c
                    - {role: dup, n: 1}
                    - {role: dup, n: 1}
                    - {role: dup, n: 2}
                    - again
                    - again
                  tasks:
                    - {name: play task, debug: {msg: "{{ shared }} {{ from_a_vars }} {{ b_param | default('no param') }}"}}
                  post_tasks:
                    - {name: post, debug: {msg: post}, changed_when: true, notify: "c : c handler"}
                """,
            ["roles/a/meta/main.yml"] = "dependencies:\n  - c\n",
            ["roles/a/defaults/main.yml"] = "from_a_defaults: a_default\nshared: a_default\n",
            ["roles/a/vars/main/10-first.yml"] = "from_a_vars: a_first\n",
            ["roles/a/vars/main/20-second.yml"] = "from_a_vars: a_second\n",
            ["roles/a/tasks/main.yml"] = """
                - name: in a
                  debug: {msg: "{{ role_name }} {{ shared }} {{ from_a_vars }}"}
                  changed_when: true
                  notify: a handler
                - debug: {msg: nameless}
                """,
            ["roles/a/handlers/main.yml"] = "- {name: a handler, debug: {msg: a handled}}\n",
            ["roles/b/tasks/main.yaml"] = "- {name: in b, debug: {msg: \"{{ b_param }} {{ from_a_defaults }}\"}}\n",
            ["roles/c/tasks/main.yml"] = "- {name: in c, debug: {msg: c}}\n",
            ["roles/c/handlers/main.yml"] = "- {name: c handler, debug: {msg: c handled}}\n",
            ["roles/dup/tasks/main.yml"] = "- {name: in dup, debug: {msg: \"dup {{ n }}\"}}\n",
            ["roles/again/meta/main.yml"] = "allow_duplicates: true\n",
            ["roles/again/tasks/main.yml"] = "- {name: in again, debug: {msg: again}}\n",
        };
        await AssertSameAsync(files, "site.yml");
    }

    [Fact]
    public async Task ImportsAndIncludes_WhenTagsLoopsAndTemplatedNames_MatchAnsible()
    {
        var files = new Dictionary<string, string>
        {
            ["site.yml"] = """
                - import_playbook: plays/first.yml
                - hosts: all
                  gather_facts: false
                  tasks:
                    - import_tasks: tasks/static.yml
                      when: inventory_hostname == 'h1'
                    - include_tasks: "tasks/{{ inventory_hostname }}.yml"
                    - include_tasks: tasks/item.yml
                      loop: [one, two]
                      vars: {param: from_include}
                    - include_tasks: tasks/item.yml
                      when: false
                    - include_role: {name: r, tasks_from: other}
                      vars: {rvar: included}
                    - import_role: {name: r}
                    - {name: last, debug: {msg: last}}
                """,
            ["plays/first.yml"] = "- hosts: h2\n  gather_facts: false\n  tasks:\n    - {name: first play, debug: {msg: first}}\n",
            ["tasks/static.yml"] = "- {name: static one, debug: {msg: s1}}\n- {name: static two, debug: {msg: s2}}\n- import_tasks: nested.yml\n",
            ["tasks/nested.yml"] = "- {name: nested, debug: {msg: nested}}\n",
            ["tasks/h1.yml"] = "- {name: only h1, debug: {msg: h1}}\n",
            ["tasks/h2.yml"] = "- {name: only h2, debug: {msg: h2}}\n- {name: more h2, debug: {msg: h2 again}}\n",
            ["tasks/item.yml"] = "- {name: item task, debug: {msg: \"{{ item }} {{ param }}\"}}\n",
            ["roles/r/tasks/main.yml"] = "- {name: r main, debug: {msg: \"main {{ rvar | default('none') }}\"}}\n- include_tasks: sub.yml\n",
            ["roles/r/tasks/other.yml"] = "- {name: r other, debug: {msg: \"other {{ rvar }}\"}}\n",
            ["roles/r/tasks/sub.yml"] = "- {name: r sub, debug: {msg: sub}}\n",
        };
        await AssertSameAsync(files, "site.yml");
    }

    [Fact]
    public async Task FileSearch_RoleFilesThenPlaybookFiles_WritesWhatAnsibleWrites()
    {
        var files = new Dictionary<string, string>
        {
            ["site.yml"] = """
                - hosts: h1
                  gather_facts: false
                  roles: [w]
                  tasks:
                    - {name: play copy, copy: {src: plain.txt, dest: "{{ out }}/play.txt"}}
                """,
            ["roles/w/tasks/main.yml"] = """
                - {name: role template, template: {src: conf.j2, dest: "{{ out }}/conf.txt"}}
                - {name: role copy, copy: {src: data.txt, dest: "{{ out }}/data.txt"}}
                - {name: fallback copy, copy: {src: plain.txt, dest: "{{ out }}/fallback.txt"}}
                """,
            ["roles/w/templates/conf.j2"] = "port={{ port }}\n",
            ["roles/w/defaults/main.yml"] = "port: 5060\n",
            ["roles/w/files/data.txt"] = "from the role\n",
            ["files/plain.txt"] = "from the playbook\n",
        };
        await AssertSameAsync(files, "site.yml");
    }

    private static async Task AssertSameAsync(Dictionary<string, string> files, string playbook)
    {
        using var ansibleDir = Repository(files);
        using var engineDir = Repository(files);
        var ansible = await AnsiblePlaybookTrace.RunAsync(ansibleDir.Path, playbook, "-e", $"out={ansibleDir.Combine("out")}");
        var engine = await EngineAsync(engineDir, playbook);
        Assert.True(ansible.Lines.Count > 2, $"ansible-playbook ran nothing: {ansible.Stderr}");
        Assert.Equal(Normalized(ansible.Lines), Normalized(engine.Lines));
        Assert.Equal(ansible.ExitCode, engine.ExitCode);
        Assert.Equal(Written(ansibleDir), Written(engineDir));
    }

    /// <summary>The lines, with the hosts' results of one task (consecutive lines naming it) sorted: hosts finish in any order.</summary>
    private static string Normalized(IReadOnlyList<string> lines)
    {
        var runs = new List<List<string>>();
        foreach (var line in lines)
        {
            var task = TaskOf(line);
            if (runs.Count > 0 && TaskOf(runs[^1][0]) == task)
            {
                runs[^1].Add(line);
            }
            else
            {
                runs.Add([line]);
            }
        }

        return string.Join("\n", runs.SelectMany(r => r.Order(StringComparer.Ordinal)));
    }

    private static string TaskOf(string line)
    {
        if (line.StartsWith("recap ", StringComparison.Ordinal))
        {
            return "recap";
        }

        var task = line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..];
        var message = task.IndexOf(" => ", StringComparison.Ordinal);
        return message < 0 ? task : task[..message];
    }

    private static TempDirectory Repository(Dictionary<string, string> files)
    {
        var dir = new TempDirectory("engine-roles-");
        dir.Write("inventory.ini", Inventory);
        Directory.CreateDirectory(dir.Combine("out"));
        foreach (var (path, content) in files)
        {
            dir.Write(path, content);
        }

        return dir;
    }

    private static Dictionary<string, string> Written(TempDirectory dir) =>
        Directory.EnumerateFiles(dir.Combine("out")).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal);

    private static async Task<(IReadOnlyList<string> Lines, int ExitCode)> EngineAsync(TempDirectory dir, string playbook)
    {
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor });
        var events = new RecordingRunOutput();
        var result = await PlaybookRunner.RunAsync(
            new PlaybookRunOptions
            {
                PlaybookPath = dir.Combine(playbook),
                Inventory = InventoryLoader.Load([dir.Combine("inventory.ini")]),
                Connector = connector,
                ExtraVars = ExtraVariables.Parse([$"out={dir.Combine("out")}"]),
                Output = events,
                Redactor = redactor,
            },
            CancellationToken.None);
        // An include_role's own result: Ansible's v2_playbook_on_include (the trace's "included") is for task files only.
        var lines = events.Results.Where(r => r.Item is null && r.Module != "include_role").Select(Line).ToList();
        lines.AddRange(result.Hosts.Select(h =>
            $"recap {h.Host} ok={h.Ok} changed={h.Changed} unreachable={h.Unreachable} failed={h.Failed} skipped={h.Skipped} rescued={h.Rescued} ignored={h.Ignored}"));
        return (lines, result.ExitCode);
    }

    private static string Line(TaskResultEvent r)
    {
        if (r.Message is { } m && m.StartsWith("included: ", StringComparison.Ordinal))
        {
            return $"included [{r.Host}] {r.Task}";
        }

        var line = $"{r.Outcome.ToString().ToLowerInvariant()} [{r.Host}] {r.Task}";
        return r.Module == "debug" && r.Outcome is TaskOutcome.Ok or TaskOutcome.Changed ? $"{line} => {r.Message}" : line;
    }
}
