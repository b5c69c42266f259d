using Orchestrator.Lab.State;
using YamlDotNet.Serialization;

namespace Orchestrator.Lab.Setup;

/// <summary>The Ansible-compatible YAML inventory of a lab; `ansible` and `orchestrator` both read it unchanged.</summary>
internal static class InventoryWriter
{
    public const string Group = "freeswitch";

    public static string Write(LabState state, LabLayout layout)
    {
        var hosts = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var h in state.Hosts)
        {
            hosts[h.Name] = new Dictionary<string, object?> { ["ansible_host"] = h.Address };
        }

        var root = new Dictionary<string, object?>
        {
            ["all"] = new Dictionary<string, object?>
            {
                ["vars"] = new Dictionary<string, object?>
                {
                    ["ansible_user"] = state.LoginUser,
                    ["ansible_port"] = 22,
                    ["ansible_ssh_private_key_file"] = layout.ClientKey,
                    ["ansible_ssh_common_args"] = $"-o UserKnownHostsFile={layout.KnownHosts} -o StrictHostKeyChecking=yes",
                    // The hosts share the machine's /usr: Debian's python3 is there.
                    ["ansible_python_interpreter"] = "/usr/bin/python3",
                    ["lab_name"] = state.Name,
                    ["lab_homer_address"] = state.Homer!.Address,
                },
                ["children"] = new Dictionary<string, object?>
                {
                    [Group] = new Dictionary<string, object?> { ["hosts"] = hosts },
                },
            },
        };
        var yaml = new SerializerBuilder().Build().Serialize(root);
        return $"# Written by `orchestrator lab up` (lab {state.Name}). Removed by `orchestrator lab down`.\n" + yaml;
    }
}
