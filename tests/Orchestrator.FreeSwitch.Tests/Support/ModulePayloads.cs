using System.Globalization;
using System.Text;
using Orchestrator.Engine.Modules;

namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>
/// Every argument of every registered module (engine built-ins and FreeSWITCH modules), each fed a hostile value: one
/// playbook task per argument, on top of a valid base task of its module. A module or argument that is neither fed nor
/// skipped here with a reason fails the tests until it is listed.
/// </summary>
internal static class ModulePayloads
{
    /// <summary>Arguments whose value is code by design (as in Ansible): they run as written, so they are not fed.</summary>
    public static readonly IReadOnlyDictionary<string, string> CodeByDesign = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["shell.cmd"] = "shell's command is a shell script by definition",
        ["template.validate"] = "a command template the playbook's author writes, run as a shell command (Ansible's validate)",
        ["copy.validate"] = "a command template the playbook's author writes, run as a shell command (Ansible's validate)",
        ["freeswitch_restart.restart_command"] = "a command line the playbook's author writes instead of systemctl restart",
    };

    /// <summary>
    /// Values that reach the host inside the FreeSWITCH facts and fs_cli scripts (Facts, Esl): quoted once there by
    /// <c>ShellQuote</c> rather than passed as positional parameters. The fast test checks that quoting; the lab test
    /// that nothing runs.
    /// </summary>
    public static readonly IReadOnlySet<string> QuotedInFreeSwitchScripts = new HashSet<string>(StringComparer.Ordinal)
    {
        "conf_dir", "log_file", "fs_cli", "command", "profiles",
    };

    /// <summary>A valid task of each module (YAML flow values), the base each fed argument is put on.</summary>
    private static Dictionary<string, Dictionary<string, string>> Bases(string scratch, string controller) => new(StringComparer.Ordinal)
    {
        ["command"] = new() { ["cmd"] = "/bin/true" },
        ["shell"] = new() { ["cmd"] = "'cat >/dev/null'" },
        ["template"] = new() { ["src"] = $"'{controller}/t.j2'", ["dest"] = $"'{scratch}/t.conf'" },
        ["copy"] = new() { ["content"] = "x", ["dest"] = $"'{scratch}/c.conf'" },
        ["file"] = new() { ["path"] = $"'{scratch}/f'", ["state"] = "touch" },
        ["lineinfile"] = new() { ["path"] = $"'{scratch}/l.conf'", ["line"] = "a", ["create"] = "true" },
        ["xml"] = new() { ["path"] = $"'{scratch}/x.xml'", ["xpath"] = "/a/b", ["attribute"] = "n", ["value"] = "v" },
        ["service"] = new() { ["name"] = "orch-payload", ["state"] = "stopped" },
        ["wait_for"] = new() { ["path"] = $"'{scratch}/exists'", ["timeout"] = "1" },
        ["sysctl"] = new()
        {
            ["name"] = "net.ipv4.ip_local_reserved_ports", ["value"] = "'40000'", ["merge"] = "false", ["sysctl_set"] = "false",
            ["sysctl_file"] = $"'{scratch}/sysctl.conf'",
        },
        ["set_fact"] = new() { ["x"] = "'1'" },
        ["assert"] = new() { ["that"] = "['1 == 1']" },
        ["debug"] = new() { ["msg"] = "hi" },
        ["fail"] = new() { ["msg"] = "m" },
        ["meta"] = new() { ["action"] = "noop" },
        ["include_vars"] = new() { ["dir"] = $"'{controller}'", ["ignore_unknown_extensions"] = "true" },
        ["async_status"] = new() { ["jid"] = "'0.0'" },
        ["capture_ports"] = new(),
        ["capture_toggle"] = new() { ["attempts"] = "1", ["delay"] = "0.1", ["backoff"] = "constant" },
        ["fs_cli"] = new() { ["command"] = "status" },
        ["freeswitch_restart"] = new(),
        ["freeswitch_validate"] = new(),
        ["freeswitch_template_check"] = new() { ["src"] = $"['{controller}/t.j2']" },
        ["freeswitch_facts"] = new(),
    };

    /// <summary>Bases for arguments that need another one: wait_for's host and port need each other, not path.</summary>
    private static Dictionary<string, Dictionary<string, string>> ArgumentBases(string scratch) => new(StringComparer.Ordinal)
    {
        ["wait_for.host"] = new() { ["port"] = "1", ["timeout"] = "1" },
        ["wait_for.port"] = new() { ["timeout"] = "1" },
        ["wait_for.search_regex"] = new() { ["path"] = $"'{scratch}/exists'", ["timeout"] = "1" },
        ["command.argv"] = new(),
        ["shell.argv"] = new(),
    };

    /// <summary>
    /// A hostile value with a leading <c>-</c>, both quotes, <c>$()</c>, backticks, <c>;</c> and a newline, built to create
    /// <paramref name="marker"/> in every context a shell could meet it: unquoted (<c>$()</c>, backticks, <c>;</c>), inside
    /// single quotes (the first <c>'</c> closes them), inside double quotes (<c>$()</c> still expands), and as a line of
    /// its own. Each attempt ends in a comment, so a later quote cannot turn the line into a syntax error first.
    /// </summary>
    public static string Payload(string marker) =>
        $"-x $(touch {marker}) `touch {marker}`; touch {marker} #'; touch {marker} #\"; touch {marker} #\ntouch {marker}";

    /// <summary>The marker a case's payload tries to create.</summary>
    public static string Marker(string prefix, int index) => $"{prefix}-{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Every (module, argument) case: fed ones with their task, skipped ones with the reason.</summary>
    public static List<PayloadCase> Cases(ModuleRegistry registry, string scratch, string controller)
    {
        var bases = Bases(scratch, controller);
        var argumentBases = ArgumentBases(scratch);
        var cases = new List<PayloadCase>();
        foreach (var module in registry.Modules)
        {
            if (!bases.TryGetValue(module.Name, out var moduleBase))
            {
                throw new InvalidOperationException($"module {module.Name} has no base task in {nameof(ModulePayloads)}: list it, so its arguments are fed payloads");
            }

            foreach (var argument in module.Arguments.All)
            {
                var key = module.Name + "." + argument.Name;
                if (CodeByDesign.TryGetValue(key, out var reason))
                {
                    cases.Add(new PayloadCase(module.Name, argument.Name, null, reason));
                    continue;
                }

                var args = new Dictionary<string, string>(argumentBases.GetValueOrDefault(key) ?? moduleBase, StringComparer.Ordinal);
                foreach (var group in module.Arguments.MutuallyExclusive.Where(g => g.Contains(argument.Name)))
                {
                    foreach (var other in group.Where(o => o != argument.Name))
                    {
                        args.Remove(other);
                    }
                }

                var index = cases.Count;
                var value = $"\"{{{{ p{index.ToString(CultureInfo.InvariantCulture)} }}}}\"";
                args[argument.Name] = argument.Type == ArgumentType.List ? $"[{value}]" : value;
                var task = new StringBuilder($"    - name: \"{key}\"\n      ignore_errors: true\n      {module.Name}: {{");
                task.Append(string.Join(", ", args.Select(a => $"{a.Key}: {a.Value}"))).Append("}\n");
                cases.Add(new PayloadCase(module.Name, argument.Name, task.ToString(), null) { Index = index });
            }
        }

        return cases;
    }

    /// <summary>A playbook with one task per fed case (each ignoring its errors), and the variables holding the payloads.</summary>
    public static (string Playbook, Dictionary<string, object?> Variables) Playbook(IEnumerable<PayloadCase> cases, string hosts, string markerPrefix, bool become = false)
    {
        var playbook = new StringBuilder($"- hosts: {hosts}\n  gather_facts: false\n  become: {(become ? "true" : "false")}\n  tasks:\n");
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var c in cases.Where(c => c.Task is not null))
        {
            playbook.Append(c.Task);
            variables["p" + c.Index.ToString(CultureInfo.InvariantCulture)] = Payload(Marker(markerPrefix, c.Index));
        }

        return (playbook.ToString(), variables);
    }
}
