using System.Collections.Concurrent;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution;

/// <summary>What one play knows while it runs: its hosts, the current serial batch, and whether the batch was stopped.</summary>
internal sealed class PlayState(Play play)
{
    /// <summary>Roles each host has run to the end in this play (Ansible's role_complete): a duplicate use is skipped.</summary>
    private readonly ConcurrentDictionary<(string Host, RoleDefinition Role), bool> _completedRoles = new();

    public Play Play => play;

    /// <summary>The play's hosts that had not failed earlier in the run.</summary>
    public IReadOnlyList<HostState> Hosts { get; set; } = [];

    /// <summary>The serial batch running now (all of <see cref="Hosts"/> without serial).</summary>
    public IReadOnlyList<HostState> Batch { get; set; } = [];

    /// <summary>any_errors_fatal or max_fail_percentage stopped the batch, and with it the play and the run.</summary>
    public bool BatchAborted { get; set; }

    public int FailedInBatch => Batch.Count(h => h.Failed);

    public bool HasRun(HostState host, RoleDefinition role) => !role.AllowDuplicates && _completedRoles.ContainsKey((host.Name, role));

    public void RoleCompleted(HostState host, RoleDefinition role) => _completedRoles[(host.Name, role)] = true;
}
