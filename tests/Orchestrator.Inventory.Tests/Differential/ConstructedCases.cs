namespace Orchestrator.Inventory.Tests.Differential;

/// <summary><c>plugin: constructed</c> files over other sources, and plugin files both tools refuse (see <see cref="DynamicCase"/>).</summary>
internal static class ConstructedCases
{
    private const string Hosts = """
        all:
          vars:
            site: hq
          children:
            freeswitch:
              vars:
                esl_port: 8021
              hosts:
                fs1.example.net:
                  dc: east
                  role: core
                  tags: [media, "sip trunk"]
                  meta: {os: debian, tier: ""}
                  weight: 3
                fs2.example.net:
                  dc: west
                  role: ""
                  tags: []
                  meta: {}
                  weight: 0
                10.0.0.7:
                  role: edge
                  dc: east
                  templated: "{{ dc }}-{{ role }}"
        """;

    private static Dictionary<string, string> With(string constructed, string? hosts = null) => new()
    {
        ["inv/10-hosts.yml"] = hosts ?? Hosts,
        ["inv/20-constructed.yml"] = constructed,
    };

    public static IEnumerable<DynamicCase> All()
    {
        yield return new DynamicCase(
            "constructed-compose",
            With("""
                plugin: ansible.builtin.constructed
                compose:
                  site_upper: site | upper
                  esl_copy: esl_port
                  esl_sum: esl_port + 1
                  dc: "'dc-' ~ (dc | default('none'))"
                  short: inventory_hostname_short
                  labels: "[role, dc]"
                  facts: "{'w': weight, 'ok': weight > 1}"
                  is_core: role == 'core'
                  rendered: templated | default('n/a')
                  nothing: None
                  bad: undefined_thing + 1
                """),
            ["inv"]);

        yield return new DynamicCase(
            "constructed-groups",
            With("""
                plugin: constructed
                strict: false
                groups:
                  core: role == 'core'
                  east: dc == 'east'
                  heavy: weight > 2
                  bad-name.with dots: true
                  9lives: "'fs' in inventory_hostname"
                  skipped_undefined: missing_var == 1
                  by_group_names: "'freeswitch' in group_names"
                """),
            ["inv"]);

        yield return new DynamicCase(
            "constructed-keyed-groups",
            With("""
                plugin: constructed
                keyed_groups:
                  - key: dc
                  - key: dc
                    prefix: dc
                  - key: role
                    prefix: role
                    separator: "-"
                    default_value: unassigned
                  - key: tags
                    prefix: tag
                    parent_group: tagged
                  - key: meta
                    prefix: meta
                    trailing_separator: false
                  - key: meta
                    prefix: m
                    default_value: blank
                  - key: "{'dc': dc, 'role': role}"
                    separator: "="
                  - key: missing_var
                    prefix: never
                  - key: dc
                    parent_group: "{{ site }}_sites"
                """),
            ["inv"]);

        yield return new DynamicCase(
            "constructed-no-leading-separator",
            With("""
                plugin: constructed
                leading_separator: false
                keyed_groups:
                  - key: dc
                  - key: role
                    separator: ""
                    prefix: r
                  - key: meta
                """),
            ["inv"]);

        yield return new DynamicCase(
            "constructed-compose-overrides-and-feeds-groups",
            With("""
                plugin: constructed
                compose:
                  role: "'media' if role == '' else role"
                  esl_port: 9000
                groups:
                  media_role: role == 'media'
                  new_port: esl_port == '9000'
                keyed_groups:
                  - key: role
                    prefix: role
                """),
            ["inv"]);

        yield return new DynamicCase(
            "constructed-sees-only-earlier-sources",
            new Dictionary<string, string>
            {
                ["a.yml"] = "all:\n  hosts:\n    early1:\n      dc: east\n",
                ["c.yml"] = "plugin: constructed\nkeyed_groups:\n  - key: dc\n    prefix: dc\n",
                ["b.yml"] = "all:\n  hosts:\n    late1:\n      dc: west\n",
            },
            ["a.yml", "c.yml", "b.yml"]);

        yield return new DynamicCase(
            "constructed-over-ini-before-reconcile",
            new Dictionary<string, string>
            {
                // [all:vars] is not visible yet: a top-level INI group joins 'all' only after every source is read.
                ["hosts"] = "[freeswitch]\nfs1 dc=east\n\n[all:vars]\nsite=hq\n\n[freeswitch:vars]\nesl_port=8021\n",
                ["constructed.yml"] = "plugin: constructed\ncompose:\n  where: site | default('unknown')\n  port: esl_port\ngroups:\n  has_site: site is defined\n",
            },
            ["hosts", "constructed.yml"]);

        yield return new DynamicCase(
            "constructed-use-vars-plugins",
            new Dictionary<string, string>
            {
                ["inv/hosts.yml"] = "all:\n  children:\n    freeswitch:\n      hosts:\n        fs1:\n        fs2:\n",
                ["inv/group_vars/freeswitch.yml"] = "dc: east\n",
                ["inv/host_vars/fs2.yml"] = "dc: west\n",
                ["inv/zz-constructed.yml"] = "plugin: constructed\nuse_vars_plugins: true\nkeyed_groups:\n  - key: dc\n    prefix: dc\n",
            },
            ["inv"]);

        yield return new DynamicCase(
            "constructed-use-extra-vars",
            new Dictionary<string, string>
            {
                ["inv/hosts.yml"] = "all:\n  hosts:\n    fs1:\n      dc: east\n",
                ["inv/zz-constructed.yml"] = "plugin: constructed\nuse_extra_vars: true\ncompose:\n  env_name: release ~ '-' ~ dc\nkeyed_groups:\n  - key: release\n    prefix: rel\ngroups:\n  cond_without_extra: release is defined\n",
            },
            ["inv"],
            ExtraArguments: ["-e", "release=r42"]);

        yield return new DynamicCase(
            "script-then-constructed",
            new Dictionary<string, string>
            {
                ["inv/10-cmdb.sh*"] = ScriptCases.Script("""{"sip": ["fs1", "fs2"], "_meta": {"hostvars": {"fs1": {"dc": "east"}, "fs2": {"dc": "west"}}}}"""),
                ["inv/20-constructed.yaml"] = "plugin: ansible.builtin.constructed\nkeyed_groups:\n  - key: dc\n    prefix: dc\n    parent_group: datacenters\n",
            },
            ["inv"]);

        yield return new DynamicCase(
            "constructed-strict-compose-error",
            With("plugin: constructed\nstrict: true\ncompose:\n  x: undefined_thing + 1\n"),
            ["inv"],
            OurError: "compose.x cannot be set for host 'fs1.example.net'",
            AnsibleError: "Could not set x for host fs1.example.net");

        yield return new DynamicCase(
            "constructed-strict-groups-error",
            With("plugin: constructed\nstrict: yes\ngroups:\n  g: missing_var == 1\n"),
            ["inv"],
            OurError: "cannot be tested for group 'g'",
            AnsibleError: "Could not add host fs1.example.net to group g");

        yield return new DynamicCase(
            "constructed-strict-keyed-empty",
            With("plugin: constructed\nstrict: true\nkeyed_groups:\n  - key: role\n    prefix: role\n"),
            ["inv"],
            OurError: "is empty for host 'fs2.example.net'",
            AnsibleError: "No key or key resulted empty for role in host fs2.example.net");

        yield return new DynamicCase(
            "constructed-keyed-exclusive-options",
            With("plugin: constructed\nkeyed_groups:\n  - key: dc\n    default_value: x\n    trailing_separator: false\n"),
            ["inv"],
            OurError: "mutually exclusive",
            AnsibleError: "parameters are mutually exclusive for keyed groups");

        yield return new DynamicCase(
            "constructed-keyed-number",
            With("plugin: constructed\nkeyed_groups:\n  - key: weight\n    prefix: w\n"),
            ["inv"],
            OurError: "expected a string, a list of them or a mapping",
            AnsibleError: "Invalid group name format, expected a string or a list of them or dictionary, got: <class 'int'>");

        yield return new DynamicCase(
            "plugin-cloud-refused",
            new Dictionary<string, string> { ["aws_ec2.yml"] = "plugin: example.cloud.ec2\nregions: [eu-west-1]\n" },
            ["aws_ec2.yml"],
            OurError: "found the inventory plugin 'example.cloud.ec2'",
            AnsibleError: "specifies unknown plugin 'example.cloud.ec2'");

        yield return new DynamicCase(
            "plugin-yaml-refused",
            new Dictionary<string, string> { ["p.yml"] = "plugin: ansible.builtin.yaml\n" },
            ["p.yml"],
            OurError: "reads inventory files itself",
            AnsibleError: "Plugin configuration YAML file, not YAML inventory");
    }
}
