using Orchestrator.Engine.Tests.Execution.Variables;
using Orchestrator.Testing;

namespace Orchestrator.Engine.Tests.Modules.Builtin;

/// <summary>
/// include_vars through the engine and through ansible-playbook: its precedence level against its neighbours
/// (task vars, set_fact, play vars of a later play, -e), file and dir forms with their options, and the result.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class IncludeVarsAnsibleTests : IDisposable
{
    private const string Hosts = """
        [web]
        localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3

        """;

    private const string Playbook = """
        - name: include
          hosts: web
          gather_facts: false
          vars: {play_vs_include: play, include_vs_next_play: play}
          tasks:
            - set_fact: {set_fact_vs_include: set_fact}
            - include_vars: main.yml
              register: included
            - include_vars: {file: vars/nested.yml, name: nested}
            - include_vars: {dir: confdir, files_matching: '^[a-z]', ignore_files: ['skip\.yml', '\.conf']}
            - include_vars: {dir: confdir, depth: 1, name: shallow, ignore_files: '\.conf'}
            - include_vars: {dir: confdir, extensions: [conf], ignore_unknown_extensions: true, name: conf}
            - {name: show task_vs_include, debug: {msg: "{{ task_vs_include }}"}, vars: {task_vs_include: task}}
            - {name: show set_fact_vs_include, debug: {msg: "{{ set_fact_vs_include }}"}}
            - {name: show play_vs_include, debug: {msg: "{{ play_vs_include }}"}}
            - {name: show include_vs_extra, debug: {msg: "{{ include_vs_extra }}"}}
            - {name: show templated, debug: {msg: "{{ templated }}"}}
            - {name: show nested, debug: {msg: "{{ nested.inner }} {{ inner | default('not top-level') }}"}}
            - {name: show dir_order, debug: {msg: "{{ dir_order }} {{ from_sub }} {{ skipped | default('skipped') }} {{ upper | default('not matching') }}"}}
            - {name: show depth, debug: {msg: "{{ shallow.dir_order }} {{ shallow.from_sub | default('too deep') }} {{ shallow.hidden | default('hidden skipped') }}"}}
            - {name: show extensions, debug: {msg: "{{ conf.conf_value }} {{ conf.dir_order | default('not conf') }}"}}
            - {name: show result, debug: {msg: "{{ included.ansible_included_var_files | length }} {{ included.ansible_included_var_files[0] | basename }} {{ included.ansible_facts.play_vs_include }} {{ included.changed }}"}}
        - name: next
          hosts: web
          gather_facts: false
          vars: {include_vs_next_play: next_play}
          tasks:
            - {name: show include_vs_next_play, debug: {msg: "{{ include_vs_next_play }}"}}
        """;

    private static readonly string[] ExtraVars = ["include_vs_extra=extra"];

    private readonly TempDirectory _dir = new("engine-include-vars-");

    public IncludeVarsAnsibleTests()
    {
        _dir.Write("inventory.ini", Hosts);
        _dir.Write("site.yml", Playbook);
        _dir.Write("vars/main.yml", """
            task_vs_include: include
            set_fact_vs_include: include
            play_vs_include: include
            include_vs_extra: include
            include_vs_next_play: include
            templated: "{{ play_vs_include }}-templated"
            """);
        _dir.Write("main.yml", "task_vs_include: not this one\n");
        _dir.Write("vars/nested.yml", "inner: nested\n");
        _dir.Write("confdir/a.yml", "dir_order: a\n");
        _dir.Write("confdir/b.yaml", "dir_order: b\n");
        _dir.Write("confdir/skip.yml", "skipped: read\n");
        _dir.Write("confdir/Upper.yml", "upper: read\n");
        _dir.Write("confdir/x.conf", "conf_value: conf\n");
        _dir.Write("confdir/sub/c.json", "{\"dir_order\": \"c\", \"from_sub\": \"sub\"}");
        _dir.Write("confdir/.hidden.yml", "hidden: read\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task LevelsOptionsAndResult_MatchAnsiblePlaybook()
    {
        var ansible = await PlaybookComparison.AnsibleAsync(_dir, "site.yml", ["inventory.ini"], ExtraVars);
        var engine = await PlaybookComparison.EngineAsync(_dir.Combine("site.yml"), [_dir.Combine("inventory.ini")], ExtraVars);
        Assert.Equal(11, ansible.Count);
        Assert.Equal(ansible, engine);

        // The values themselves, so a shared mistake cannot pass.
        Assert.Equal("include", engine["show task_vs_include"]);
        Assert.Equal("set_fact", engine["show set_fact_vs_include"]);
        Assert.Equal("include", engine["show play_vs_include"]);
        Assert.Equal("extra", engine["show include_vs_extra"]);
        Assert.Equal("include-templated", engine["show templated"]);
        Assert.Equal("nested not top-level", engine["show nested"]);
        Assert.Equal("c sub skipped not matching", engine["show dir_order"]);
        Assert.Equal("b too deep read", engine["show depth"]);
        Assert.Equal("conf not conf", engine["show extensions"]);
        Assert.Equal("1 main.yml include False", engine["show result"]);
        Assert.Equal("include", engine["show include_vs_next_play"]);
    }
}
