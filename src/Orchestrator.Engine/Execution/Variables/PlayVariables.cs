using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>Collects a host's variables for a task from the run and the play, by level, for <see cref="VariableScopeBuilder"/>.</summary>
/// <param name="hostVars">The play's <c>hostvars</c>, which reads other hosts' scopes from this object.</param>
internal sealed class PlayVariables(RunState run, PlayState play, PlaySecrets secrets, HostVarsDictionary hostVars)
{
    private readonly RunState _run = run;
    private readonly PlayState _play = play;
    private readonly VarsFileCache _varsFiles = new(run.Templates, run.Playbook.Directory, secrets, run.Options.Vault);
    private readonly Lazy<Dictionary<string, object?>> _groups = new(() => MagicVariables.Groups(run.Inventory));
    private readonly PlaybookAdjacentVars _adjacent = new(run.Options.Inventory, play.Play);

    /// <summary>The play's vars_prompt answers (set once, before the play's first task).</summary>
    public IReadOnlyDictionary<string, object?>? Prompted { get; set; }

    /// <summary>An inventory host's play-level scope (for <c>hostvars</c>), or null for a name the inventory does not have.</summary>
    public VariableScope? HostScope(string name) =>
        _run.Inventory.FindHost(name) is { } host ? ScopeFor(_run.State(host), null) : null;

    /// <summary>The scope a task runs in on a host (without loop and result layers); with no task, the host's play-level variables.</summary>
    public VariableScope ScopeFor(HostState host, TaskDefinition? task)
    {
        var playLevels = PlayLevels(host);
        return VariableScopeBuilder.Build(playLevels with
        {
            Facts = host.GatheredFacts,
            VarsFiles = _play.Play.VarsFiles.Select(f => (IReadOnlyDictionary<string, object?>)_varsFiles.Load(f, () => VariableScopeBuilder.Build(playLevels))).ToList(),
            BlockVars = task?.Chain().OfType<BlockDefinition>().Where(b => b.Vars.Count > 0).Select(b => (IReadOnlyDictionary<string, object?>)b.Vars).ToList(),
            TaskVars = task is { Vars.Count: > 0 } ? task.Vars : null,
            IncludeVars = host.IncludedVars,
            SetFacts = host.HostFacts,
            RoleDefaults = RoleVariables.Defaults(_play.Play, task),
            RoleVars = RoleVariables.Vars(_play.Play, task),
            RoleParams = RoleVariables.Params(task),
            IncludeParams = RoleVariables.IncludeParams(task),
            Magic = RoleVariables.WithRoleMagic(playLevels.Magic, _play.Play, task),
        });
    }

    /// <summary>What a templated vars_files path may use: inventory, play vars, extra and magic variables.</summary>
    private VariableLevels PlayLevels(HostState host) => new()
    {
        Inventory = _adjacent.For(host),
        HostMagic = MagicVariables.ForHost(host),
        PlayVars = _play.Play.Vars,
        VarsPrompt = Prompted,
        ExtraVars = _run.Options.ExtraVars,
        Magic = MagicVariables.ForPlay(_run, _play, _groups.Value, hostVars),
    };
}
