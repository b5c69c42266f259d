namespace Orchestrator.Inventory.Tests.Differential;

/// <summary>Executable inventory scripts, alone and in a directory with static files (see <see cref="DynamicCase"/>).</summary>
internal static class ScriptCases
{
    /// <summary>A shell script that prints <paramref name="list"/> for --list and, per host, the JSON in <paramref name="hosts"/> for --host.</summary>
    public static string Script(string list, params (string Host, string Json)[] hosts)
    {
        var cases = string.Concat(hosts.Select(h => $"    {h.Host}) cat <<'JSON'\n{h.Json}\nJSON\n    ;;\n"));
        return $"#!/bin/sh\nif [ \"$1\" = --list ]; then\ncat <<'JSON'\n{list}\nJSON\nexit 0\nfi\nif [ \"$1\" = --host ]; then\n  case \"$2\" in\n{cases}    *) echo '{{}}' ;;\n  esac\n  exit 0\nfi\necho \"usage: $0 --list | --host NAME\" >&2\nexit 2\n";
    }

    public static IEnumerable<DynamicCase> All()
    {
        yield return new DynamicCase(
            "script-meta",
            new Dictionary<string, string>
            {
                ["cmdb.sh*"] = Script("""
                    {
                      "freeswitch": {"hosts": ["fs1.example.net", "fs2.example.net"], "vars": {"esl_port": 8021, "codecs": ["PCMU", "OPUS"]}, "children": ["media"]},
                      "media": ["fs3.example.net"],
                      "empty": {"hosts": []},
                      "ungrouped": ["lonely"],
                      "_meta": {"hostvars": {
                        "fs1.example.net": {"dc": "east", "ansible_host": "10.0.0.1", "ratio": 1.5, "on": true},
                        "fs3.example.net": {"dc": "west", "nested": {"a": [1, null]}},
                        "not-in-any-group": {"ignored": 1}
                      }}
                    }
                    """),
            },
            ["cmdb.sh"]);

        yield return new DynamicCase(
            "script-no-meta-host-calls",
            new Dictionary<string, string>
            {
                ["inv.sh*"] = Script(
                    """{"sip": ["fs1", "fs2"], "edge": {"hosts": ["sbc1"], "vars": {"zone": "dmz"}}}""",
                    ("fs1", """{"dc": "east", "rtp_start": 16384}"""),
                    ("fs2", "{}"),
                    ("sbc1", """{"zone": "public", "public_ip": "192.0.2.10"}""")),
            },
            ["inv.sh"]);

        yield return new DynamicCase(
            "script-meta-without-hostvars",
            new Dictionary<string, string>
            {
                ["inv.sh*"] = Script("""{"web": ["w1"], "_meta": {}}""", ("w1", """{"from_host_call": true}""")),
            },
            ["inv.sh"]);

        yield return new DynamicCase(
            "script-group-shorthand",
            new Dictionary<string, string>
            {
                // A group mapping without hosts/vars/children is the variables of a host named like the group.
                ["inv.sh*"] = Script("""{"pbx1": {"dc": "east", "port": 5060}, "all": {"vars": {"ntp": "pool.ntp.org"}}, "_meta": {"hostvars": {}}}"""),
            },
            ["inv.sh"]);

        yield return new DynamicCase(
            "script-group-vars-beside",
            new Dictionary<string, string>
            {
                ["bin/inv.sh*"] = Script("""{"freeswitch": {"hosts": ["fs1"], "vars": {"esl_port": 8021}}, "_meta": {"hostvars": {"fs1": {"dc": "east"}}}}"""),
                ["bin/group_vars/freeswitch.yml"] = "esl_port: 9000\nfrom_group_vars: yes\n",
                ["bin/host_vars/fs1.yml"] = "dc: west\n",
            },
            ["bin/inv.sh"]);

        yield return new DynamicCase(
            "dir-script-ini-yaml",
            new Dictionary<string, string>
            {
                ["inventory/10-cmdb.sh*"] = Script("""{"freeswitch": {"hosts": ["fs1", "fs2"], "vars": {"source": "cmdb"}}, "_meta": {"hostvars": {"fs1": {"dc": "east"}}}}"""),
                ["inventory/20-static"] = "[freeswitch]\nfs3 dc=west\n\n[freeswitch:vars]\nsource=ini\n\n[sbc]\nsbc1\n",
                ["inventory/30-extra.yml"] = "all:\n  children:\n    sbc:\n      hosts:\n        sbc1:\n          zone: dmz\n        fs1:\n          dc: north\n",
                ["inventory/group_vars/all.yml"] = "ntp: pool.ntp.org\n",
                ["inventory/group_vars/freeswitch.yml"] = "rtp_start: 16384\n",
                ["inventory/host_vars/fs2.yml"] = "dc: south\n",
                ["inventory/40-ignored.ini"] = "[ignored]\nnever1\n",
                ["inventory/50-old.orig"] = "[ignored]\nnever2\n",
                ["inventory/60-notes.cfg"] = "[ignored]\nnever3\n",
                ["inventory/70-backup.retry"] = "never4\n",
            },
            ["inventory"]);

        yield return new DynamicCase(
            "executable-ini-without-shebang",
            new Dictionary<string, string>
            {
                // Executable by accident (a checkout with wrong modes): both read it as INI.
                ["hosts*"] = "[freeswitch]\nfs1 dc=east\n",
            },
            ["hosts"]);

        yield return new DynamicCase(
            "script-exits-non-zero",
            new Dictionary<string, string>
            {
                ["inv.sh*"] = "#!/bin/sh\necho 'cmdb: connection refused' >&2\nexit 3\n",
            },
            ["inv.sh"],
            OurError: "found exit code 3 from",
            AnsibleError: "had an execution error: cmdb: connection refused");

        yield return new DynamicCase(
            "script-invalid-json",
            new Dictionary<string, string>
            {
                ["inv.sh*"] = "#!/bin/sh\necho '{\"web\": [\"w1\",]}'\necho 'warning: partial data' >&2\n",
            },
            ["inv.sh"],
            OurError: "that is not JSON",
            AnsibleError: "failed to parse executable inventory script results");

        yield return new DynamicCase(
            "script-not-an-object",
            new Dictionary<string, string>
            {
                ["inv.sh*"] = "#!/bin/sh\necho '[\"w1\", \"w2\"]'\n",
            },
            ["inv.sh"],
            OurError: "expected a JSON object of groups",
            AnsibleError: "needs to be a json dict");
    }
}
