using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Engine.Tests.Templating.Lookups;

/// <summary>
/// The same playbook through the engine (local connection) and through ansible-playbook: <c>environment</c>, every
/// <c>with_NAME</c> loop and the lookups must print the same values, item by item.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class KeywordsAndLookupsAnsibleTests : IDisposable
{
    private const string Inventory = """
        [web]
        localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3

        """;

    private const string Playbook = """
        - name: keywords
          hosts: web
          gather_facts: false
          environment:
            PLAY_VAR: play
            SHARED: play
          vars:
            d: {b: 2, a: 1}
            l1: [1, 2, 3]
            l2: [x, y]
            greeting: hello
            envmap: {FROM_EXPR: expr}
          tasks:
            - block:
                - name: run env
                  shell: 'echo "$PLAY_VAR|$SHARED|$BLOCK_VAR|$TASK_VAR|$QUOTED|$NUM|$BOOL"'
                  environment:
                    TASK_VAR: "{{ greeting }}"
                    SHARED: task
                    QUOTED: "a'b $(echo no) \"c\" `x` $HOME"
                    NUM: 5
                    BOOL: true
                  register: envout
                - name: show environment merged
                  debug: {msg: "{{ envout.stdout }}"}
              environment:
                BLOCK_VAR: block
                SHARED: block
            - name: run env expression
              command: printenv FROM_EXPR
              environment: "{{ envmap }}"
              register: exprout
            - {name: show environment expression, debug: {msg: "{{ exprout.stdout }}"}}
            - {name: show with_items flattens one level, debug: {msg: "i={{ item }}"}, with_items: ["{{ l1 }}", 4, [5, [6]]]}
            - {name: show loop does not flatten, debug: {msg: "n={{ item | length }}"}, loop: ["{{ l1 }}"]}
            - {name: show with_dict, debug: {msg: "{{ item.key }}={{ item.value }}"}, with_dict: "{{ d }}"}
            - {name: show with_together, debug: {msg: "{{ item.0 }}-{{ item.1 }}"}, with_together: ["{{ l1 }}", "{{ l2 }}"]}
            - {name: show with_sequence kv, debug: {msg: "s={{ item }}"}, with_sequence: start=1 end=7 stride=3}
            - {name: show with_sequence shortcut, debug: {msg: "s={{ item }}"}, with_sequence: "4-8/2:host%02d"}
            - {name: show with_sequence count hex, debug: {msg: "s={{ item }}"}, with_sequence: count=3 start=0x0e format=%x}
            - {name: show with_fileglob, debug: {msg: "f={{ item | basename }}"}, with_fileglob: "hell*.txt"}
            - {name: show with_list, debug: {msg: "l={{ item | length }}"}, with_list: [[1, 2], [3]]}
            - {name: show with_indexed_items, debug: {msg: "{{ item.0 }}:{{ item.1 }}"}, with_indexed_items: "{{ l2 }}"}
            - {name: show with_nested, debug: {msg: "{{ item.0 }}{{ item.1 }}"}, with_nested: [[1, 2], "{{ l2 }}"]}
            - {name: show lookup file, debug: {msg: "[{{ lookup('file', 'hello.txt') }}]"}}
            - {name: show lookup file lstrip, debug: {msg: "[{{ lookup('file', 'hello.txt', lstrip=True) }}]"}}
            - {name: show lookup file rstrip false, debug: {msg: "[{{ lookup('file', 'hello.txt', rstrip=False) | length }}]"}}
            - {name: show lookup file two terms, debug: {msg: "[{{ lookup('file', 'a1.txt', 'a2.txt') }}]"}}
            - {name: show lookup env default, debug: {msg: "[{{ lookup('env', 'KW_TEST_UNSET', default='dflt') }}|{{ lookup('env', 'KW_TEST_UNSET') }}]"}}
            - {name: show lookup template, debug: {msg: "[{{ lookup('template', 'greet.j2') }}]"}}
            - {name: show lookup pipe, debug: {msg: "[{{ lookup('pipe', 'echo piped; ls files | head -1') }}]"}}
            - {name: show lookup first_found, debug: {msg: "{{ lookup('first_found', ['missing.txt', 'hello.txt']) | basename }}"}}
            - {name: show lookup first_found mapping, debug: {msg: "{{ lookup('first_found', {'files': ['nope.txt', 'a2.txt'], 'paths': ['files']}) | basename }}"}}
            - {name: show query first_found skip, debug: {msg: "n={{ query('first_found', 'nope.txt', skip=True) | length }}"}}
            - {name: show lookup vars, debug: {msg: "{{ lookup('vars', 'greeting') }}|{{ lookup('vars', 'nope', default='d') }}"}}
            - {name: show lookup items, debug: {msg: "{{ lookup('items', [1, 2], 3) | join('/') }}"}}
            - {name: show lookup list joins, debug: {msg: "{{ lookup('list', 'a', 'b') }}"}}
            - {name: show lookup wantlist, debug: {msg: "{{ lookup('list', 'a', 'b', wantlist=True) | length }}"}}
            - {name: show query, debug: {msg: "{{ query('sequence', 'start=1 end=3') | join('-') }}|{{ q('list', 'z') | length }}"}}
            - {name: show query dict, debug: {msg: "{{ query('dict', d) | length }}:{{ (query('dict', d) | first).key }}"}}
            - {name: show lookup fileglob, debug: {msg: "{{ query('fileglob', '*.txt') | map('basename') | sort | join(',') }}"}}
            - {name: show lookup errors ignore, debug: {msg: "{{ 'none' if lookup('file', 'nope.txt', errors='ignore') is none else 'some' }}"}}
            - {name: show query errors ignore, debug: {msg: "n={{ query('file', 'nope.txt', errors='ignore') | length }}"}}
        """;

    private readonly TempDirectory _dir = new("engine-keywords-");

    public KeywordsAndLookupsAnsibleTests()
    {
        _dir.Write("inventory.ini", Inventory);
        _dir.Write("site.yml", Playbook);
        _dir.Write("files/hello.txt", "  hi there  \n\n");
        _dir.Write("files/a1.txt", "one\n");
        _dir.Write("files/a2.txt", "two\n");
        _dir.Write("templates/greet.j2", "Hello {{ greeting }}!\n");
        _dir.Write("ansible.cfg", "[defaults]\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EnvironmentLoopsAndLookups_PrintWhatAnsiblePlaybookPrints()
    {
        var ansible = await AnsibleAsync();
        var engine = await EngineAsync();
        Assert.Equal(32, ansible.Count);
        foreach (var (task, values) in ansible)
        {
            Assert.True(engine.TryGetValue(task, out var ours), $"the engine printed nothing for '{task}'");
            Assert.True(values.SequenceEqual(ours), $"{task}:\n  ansible: {string.Join(" | ", values)}\n  engine:  {string.Join(" | ", ours)}");
        }

        // The values themselves, so a shared mistake cannot pass.
        Assert.Equal(["play|task|block|hello|a'b $(echo no) \"c\" `x` $HOME|5|True"], engine["show environment merged"]);
        Assert.Equal(["i=1", "i=2", "i=3", "i=4", "i=5", "i=[6]"], engine["show with_items flattens one level"]);
        Assert.Equal(["b=2", "a=1"], engine["show with_dict"]);
        Assert.Equal(["s=host04", "s=host06", "s=host08"], engine["show with_sequence shortcut"]);
        Assert.Equal(["[  hi there]"], engine["show lookup file"]);
    }

    private async Task<Dictionary<string, List<string>>> EngineAsync()
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
                Output = events,
                Redactor = redactor,
            },
            CancellationToken.None);
        Assert.True(result.ExitCode == 0, string.Join("\n", events.Results.Where(r => r.Outcome == TaskOutcome.Failed).Select(r => $"{r.Task}: {r.Message}")));
        return AnsiblePlaybookProcess.ShowMessages(events);
    }

    private Task<Dictionary<string, List<string>>> AnsibleAsync() =>
        AnsiblePlaybookProcess.ShowMessagesAsync(_dir.Path, ["-i", "inventory.ini", "site.yml"]);
}
