using Orchestrator.Testing;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary>
/// The same playbook through the engine (local connection) and through ansible-playbook: every precedence level
/// the engine has today, each pair of neighbours in one variable, must print the same values.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class VariablePrecedenceAnsibleTests : IDisposable
{
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

    private readonly TempDirectory _dir = new("engine-precedence-");

    public VariablePrecedenceAnsibleTests()
    {
        _dir.Write("inventory.ini", Inventory);
        _dir.Write("site.yml", Playbook);
        _dir.Write("vars/first.yml", "play_vs_file: vars_file\nfile_vs_file: first_file\nfile_vs_block: vars_file\n");
        _dir.Write("vars/second.yml", "file_vs_file: second_file\n");
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

    private Task<Dictionary<string, string>> EngineAsync() =>
        PlaybookComparison.EngineAsync(_dir.Combine("site.yml"), [_dir.Combine("inventory.ini")], ExtraVars);

    private Task<Dictionary<string, string>> AnsibleAsync() =>
        PlaybookComparison.AnsibleAsync(_dir, "site.yml", ["inventory.ini"], ExtraVars);
}
