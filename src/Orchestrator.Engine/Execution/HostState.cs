using System.Collections.Concurrent;
using Orchestrator.Engine.Model;
using Orchestrator.Inventory;

namespace Orchestrator.Engine.Execution;

/// <summary>Everything the run knows about one host; lives for the whole run (facts persist across plays).</summary>
internal sealed class HostState(InventoryHost host)
{
    public InventoryHost Host { get; } = host;

    public string Name => Host.Name;

    /// <summary>Registered results and set_fact values (persist across plays, as in Ansible).</summary>
    public ConcurrentDictionary<string, object?> HostFacts { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables from include_vars (their own precedence level; persist across plays, as in Ansible).</summary>
    public ConcurrentDictionary<string, object?> IncludedVars { get; } = new(StringComparer.Ordinal);

    /// <summary>ansible_facts and the top-level ansible_* copies, from gather_facts.</summary>
    public Dictionary<string, object?> GatheredFacts { get; set; } = new(StringComparer.Ordinal);

    public HostCounters Counters { get; } = new();

    /// <summary>The host failed and is out of the rest of the run (unless rescued).</summary>
    public bool Failed { get; set; }

    public bool Unreachable { get; set; }

    /// <summary>Handlers notified by a task that changed.</summary>
    public HashSet<TaskDefinition> Notified { get; } = [];

    /// <summary>Check mode: handlers notified by a task whose outcome is unknown.</summary>
    public HashSet<TaskDefinition> MaybeNotified { get; } = [];

    /// <summary>Check mode: resources earlier tasks would change (not applied).</summary>
    public HashSet<string> PendingResources { get; } = new(StringComparer.Ordinal);

    /// <summary>Check mode: registered variables whose real values cannot be predicted.</summary>
    public HashSet<string> PendingVars { get; } = new(StringComparer.Ordinal);

    public bool Active => !Failed && !Unreachable;
}
