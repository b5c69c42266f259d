using Orchestrator.Testing;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary>
/// group_vars/ and host_vars/ beside the playbook against the inventory's own, through the engine and through
/// ansible-playbook: each pair of neighbouring levels sets one variable, and both tools must print the same winner.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class PlaybookAdjacentVarsAnsibleTests : IDisposable
{
    private const string Hosts = """
        [web]
        localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3 pb_group_vs_inv_host=inv_file_host inv_host_vs_inv_host_vars=inv_file_host

        [web:vars]
        inv_group_vs_inv_all=inv_file_group

        [fs:children]
        web

        """;

    private const string Playbook = """
        - name: adjacent
          hosts: web
          gather_facts: true
          vars:
            pb_host_vs_play: play
          tasks:
            - {name: show inv_group_vs_inv_all, debug: {msg: "{{ inv_group_vs_inv_all }}"}}
            - {name: show inv_all_vs_pb_all, debug: {msg: "{{ inv_all_vs_pb_all }}"}}
            - {name: show pb_all_vs_inv_group, debug: {msg: "{{ pb_all_vs_inv_group }}"}}
            - {name: show inv_group_vs_pb_group, debug: {msg: "{{ inv_group_vs_pb_group }}"}}
            - {name: show pb_group_vs_inv_host, debug: {msg: "{{ pb_group_vs_inv_host }}"}}
            - {name: show inv_host_vs_inv_host_vars, debug: {msg: "{{ inv_host_vs_inv_host_vars }}"}}
            - {name: show inv_host_vars_vs_pb_host, debug: {msg: "{{ inv_host_vars_vs_pb_host }}"}}
            - {name: show pb_host_vs_facts, debug: {msg: "{{ 'pb_host' if ansible_kernel == 'pb_host' else 'facts' }}"}}
            - {name: show pb_host_vs_play, debug: {msg: "{{ pb_host_vs_play }}"}}
            - {name: show pb_parent_vs_child, debug: {msg: "{{ pb_parent_vs_child }}"}}
            - {name: show pb_dir_order, debug: {msg: "{{ pb_dir_order }}"}}
            - {name: show pb_hidden, debug: {msg: "{{ pb_hidden | default('not read') }}"}}
            - {name: show pb_only_yaml_json, debug: {msg: "{{ pb_json }} {{ pb_backup | default('not read') }}"}}
            - {name: show hostvars, debug: {msg: "{{ hostvars['localhost'].inv_host_vars_vs_pb_host }}"}}
        """;

    private readonly TempDirectory _dir = new("engine-adjacent-");

    public PlaybookAdjacentVarsAnsibleTests()
    {
        _dir.Write("inventory/hosts", Hosts);
        _dir.Write("inventory/group_vars/all.yml", "inv_group_vs_inv_all: inv_all\ninv_all_vs_pb_all: inv_all\n");
        _dir.Write("inventory/group_vars/web.yml", "pb_all_vs_inv_group: inv_group\ninv_group_vs_pb_group: inv_group\n");
        _dir.Write("inventory/host_vars/localhost.yml", "inv_host_vs_inv_host_vars: inv_host_vars\ninv_host_vars_vs_pb_host: inv_host_vars\n");
        _dir.Write("site.yml", Playbook);
        _dir.Write("group_vars/all.yml", "inv_all_vs_pb_all: pb_all\npb_all_vs_inv_group: pb_all\n");
        _dir.Write("group_vars/fs.yml", "pb_parent_vs_child: fs\n");
        _dir.Write("group_vars/web/a.yml", "inv_group_vs_pb_group: pb_group\npb_group_vs_inv_host: pb_group\npb_parent_vs_child: web\npb_dir_order: a\n");
        _dir.Write("group_vars/web/b.yaml", "pb_dir_order: b\n");
        _dir.Write("group_vars/web/c.json", "{\"pb_json\": \"json\"}");
        _dir.Write("group_vars/web/.hidden.yml", "pb_hidden: read\n");
        _dir.Write("group_vars/web/d.yml~", "pb_backup: read\n");
        _dir.Write("host_vars/localhost", "inv_host_vars_vs_pb_host: pb_host\npb_host_vs_facts: pb_host\nansible_kernel: pb_host\npb_host_vs_play: pb_host\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EachNeighbouringPair_PrintsWhatAnsiblePlaybookPrints()
    {
        var ansible = await PlaybookComparison.AnsibleAsync(_dir, "site.yml", ["inventory"], []);
        var engine = await PlaybookComparison.EngineAsync(_dir.Combine("site.yml"), [_dir.Combine("inventory")], []);
        Assert.Equal(14, ansible.Count);
        Assert.Equal(ansible, engine);

        // The values themselves, so a shared mistake cannot pass.
        Assert.Equal("inv_all", engine["show inv_group_vs_inv_all"]);
        Assert.Equal("pb_all", engine["show inv_all_vs_pb_all"]);
        Assert.Equal("inv_group", engine["show pb_all_vs_inv_group"]);
        Assert.Equal("pb_group", engine["show inv_group_vs_pb_group"]);
        Assert.Equal("inv_file_host", engine["show pb_group_vs_inv_host"]);
        Assert.Equal("pb_host", engine["show inv_host_vars_vs_pb_host"]);
        Assert.Equal("facts", engine["show pb_host_vs_facts"]);
        Assert.Equal("play", engine["show pb_host_vs_play"]);
        Assert.Equal("web", engine["show pb_parent_vs_child"]);
        Assert.Equal("b", engine["show pb_dir_order"]);
        Assert.Equal("not read", engine["show pb_hidden"]);
        Assert.Equal("json not read", engine["show pb_only_yaml_json"]);
    }
}
