using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;

namespace Orchestrator.Engine;

/// <summary>Everything a playbook run needs. Validated once by <see cref="PlaybookRunner"/>.</summary>
public sealed class PlaybookRunOptions
{
    public required string PlaybookPath { get; init; }

    /// <summary>The inventory (from <c>InventoryLoader.Load</c>).</summary>
    public HostInventory? Inventory { get; init; }

    /// <summary>Opens host connections. Not needed for syntax checks and listings.</summary>
    public IHostConnector? Connector { get; init; }

    public ModuleRegistry Modules { get; init; } = ModuleRegistry.CreateDefault();

    /// <summary>Further restricts the hosts of every play (<c>--limit</c>, an Ansible host pattern).</summary>
    public string? Limit { get; init; }

    /// <summary>Directories searched for roles after the playbook's own <c>roles/</c> (ansible.cfg <c>roles_path</c>, <c>ANSIBLE_ROLES_PATH</c>).</summary>
    public IReadOnlyList<string> RolesPath { get; init; } = [];

    /// <summary>Whether plays without <c>gather_facts</c> gather facts (ansible.cfg <c>gathering</c>: implicit/smart true, explicit false).</summary>
    public bool GatherFactsDefault { get; init; }

    /// <summary>Whether tasks without <c>become</c> on them, their blocks or their play become (ansible.cfg <c>[privilege_escalation] become</c>).</summary>
    public bool BecomeDefault { get; init; }

    /// <summary>Run only tasks with one of these tags (<c>--tags</c>); empty means all (except <c>never</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> SkipTags { get; init; } = [];

    /// <summary>Plan only; never change a host (<c>--check</c>).</summary>
    public bool Check { get; init; }

    /// <summary>Show unified diffs of what changes (<c>--diff</c>).</summary>
    public bool Diff { get; init; }

    /// <summary>Parallel hosts (<c>--forks</c>), at least 1.</summary>
    public int Forks { get; init; } = 50;

    /// <summary>Extra variables (<c>-e</c>): the highest precedence.</summary>
    public IReadOnlyDictionary<string, object?> ExtraVars { get; init; } = new Dictionary<string, object?>();

    public IRunOutput Output { get; init; } = new RecordingRunOutput();

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public bool ForceHandlers { get; init; }

    /// <summary>Start at the first task with this name (<c>--start-at-task</c>).</summary>
    public string? StartAtTask { get; init; }

    /// <summary>Asks before each task (<c>--step</c>); null: do not ask.</summary>
    public IStepPrompt? Step { get; init; }

    /// <summary>Asks for the plays' <c>vars_prompt</c> values on a terminal; null: no terminal (defaults are used, or the run stops).</summary>
    public IVarsPrompt? VarsPrompt { get; init; }

    /// <summary>With <see cref="Check"/>: exit 10 when changes are pending (or unknown).</summary>
    public bool DetailedExitCode { get; init; }

    /// <summary>The redactor output goes through; share it with the transport so its secrets are hidden too. Null: a new one.</summary>
    public Core.Secrets.SecretRedactor? Redactor { get; init; }

    /// <summary>Decrypts Ansible Vault data (encrypted vars files, inline <c>!vault</c> values, copy/template sources); null: none may be used.</summary>
    public Core.Vault.VaultDecryptor? Vault { get; init; }

    /// <summary>Secret values known before the run (e.g. passwords read from files); redacted everywhere.</summary>
    public IReadOnlyList<Core.Secrets.Secret> Secrets { get; init; } = [];
}
