namespace Orchestrator.Engine.Execution.Variables;

/// <summary>The variables the engine sets itself (docs/playbooks.md, "Magic variables").</summary>
internal static class MagicVariables
{
    /// <summary>What <c>omit</c> renders to; an argument with this value is dropped.</summary>
    public const string OmitPlaceholder = "__omit_place_holder__orchestrator__";

    /// <summary>The host's own: Ansible sets these with its inventory variables, so higher levels may override them.</summary>
    public static Dictionary<string, object?> ForHost(HostState host) => new(StringComparer.Ordinal)
    {
        ["inventory_hostname"] = host.Name,
        ["inventory_hostname_short"] = host.Name.Split('.')[0],
        ["group_names"] = host.Host.Groups.Where(g => g != "all").Order(StringComparer.Ordinal).Select(g => (object?)g).ToList(),
    };

    /// <summary>The play's and the run's: above extra vars, as in Ansible.</summary>
    public static Dictionary<string, object?> ForPlay(RunState run, PlayState play, IReadOnlyDictionary<string, object?> groups, HostVarsDictionary hostvars)
    {
        var playHosts = play.Hosts.Where(h => h.Active).Select(h => (object?)h.Name).ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["groups"] = groups,
            ["hostvars"] = hostvars,
            ["play_hosts"] = playHosts,
            ["ansible_play_hosts"] = playHosts,
            ["ansible_play_hosts_all"] = play.Hosts.Select(h => (object?)h.Name).ToList(),
            ["ansible_play_batch"] = play.Batch.Where(h => h.Active).Select(h => (object?)h.Name).ToList(),
            ["ansible_play_name"] = play.Play.Name,
            ["ansible_check_mode"] = run.Options.Check,
            ["ansible_diff_mode"] = run.Options.Diff,
            // An imported playbook's plays see its own directory, as in Ansible.
            ["playbook_dir"] = Path.GetDirectoryName(Path.GetFullPath(play.Play.Location.File)) ?? run.Playbook.Directory,
            ["omit"] = OmitPlaceholder,
        };
    }

    /// <summary><c>groups</c>: every group's hosts. The inventory does not change during a run, so a play computes it once.</summary>
    public static Dictionary<string, object?> Groups(IInventorySource inventory) =>
        inventory.Groups.ToDictionary(
            g => g.Key,
            g => (object?)inventory.SelectHosts(g.Key).Select(h => (object?)h.Name).ToList(),
            StringComparer.Ordinal);
}
