namespace Orchestrator.Engine.Execution.Variables;

/// <summary>
/// The variables of one host for one task, one property per level of Ansible's precedence list, lowest first.
/// <see cref="VariableScopeBuilder"/> stacks them; a level left null is empty. Levels marked "not yet" have no
/// source in the engine today (roles, includes): the issues that add
/// those fill the property in, and the order is already right.
/// </summary>
internal sealed record VariableLevels
{
    /// <summary>Role <c>defaults/</c> (not yet).</summary>
    public IReadOnlyDictionary<string, object?>? RoleDefaults { get; init; }

    /// <summary>
    /// The inventory's variables for the host, one dictionary that <c>Orchestrator.Inventory</c> has already
    /// merged by Ansible's rules, the playbook-adjacent directories interleaved (<see cref="PlaybookAdjacentVars"/>):
    /// inventory file group vars, inventory <c>group_vars/all</c>, playbook <c>group_vars/all</c>, inventory
    /// <c>group_vars/*</c>, playbook <c>group_vars/*</c> (groups by depth, priority, name), inventory file host vars,
    /// inventory <c>host_vars/*</c>, playbook <c>host_vars/*</c>.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Inventory { get; init; }

    /// <summary>
    /// <c>inventory_hostname</c>, <c>inventory_hostname_short</c>, <c>group_names</c>: Ansible sets them with the
    /// host's inventory variables (<c>Host.get_vars</c>), so play vars, set_fact and -e can override them.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? HostMagic { get; init; }

    /// <summary>Gathered facts (<c>ansible_facts</c> and the <c>ansible_*</c> copies); Ansible's cacheable set_fact lands here too.</summary>
    public IReadOnlyDictionary<string, object?>? Facts { get; init; }

    /// <summary>Play <c>vars</c>.</summary>
    public IReadOnlyDictionary<string, object?>? PlayVars { get; init; }

    /// <summary>Play <c>vars_prompt</c> answers (never templated: what a user types is data).</summary>
    public IReadOnlyDictionary<string, object?>? VarsPrompt { get; init; }

    /// <summary>Play <c>vars_files</c>, in the order written: a later file wins.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? VarsFiles { get; init; }

    /// <summary>Role <c>vars/</c> (not yet).</summary>
    public IReadOnlyDictionary<string, object?>? RoleVars { get; init; }

    /// <summary>Block <c>vars</c>, outermost block first: an inner block wins.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? BlockVars { get; init; }

    /// <summary>Task <c>vars</c>.</summary>
    public IReadOnlyDictionary<string, object?>? TaskVars { get; init; }

    /// <summary><c>include_vars</c>, kept per host for the rest of the run.</summary>
    public IReadOnlyDictionary<string, object?>? IncludeVars { get; init; }

    /// <summary>set_fact values and registered results (above task vars, as in Ansible).</summary>
    public IReadOnlyDictionary<string, object?>? SetFacts { get; init; }

    /// <summary>Role and include_role parameters (not yet).</summary>
    public IReadOnlyDictionary<string, object?>? RoleParams { get; init; }

    /// <summary>include_tasks/include_role parameters (not yet).</summary>
    public IReadOnlyDictionary<string, object?>? IncludeParams { get; init; }

    /// <summary>Extra variables (<c>-e</c>).</summary>
    public IReadOnlyDictionary<string, object?>? ExtraVars { get; init; }

    /// <summary>
    /// <c>groups</c>, <c>hostvars</c>, <c>play_hosts</c>, <c>ansible_check_mode</c>, <c>omit</c>, ...: Ansible adds
    /// them after extra vars, so no level overrides them.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Magic { get; init; }
}
