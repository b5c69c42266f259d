using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>Collects a host's variables for a task from the run and the play, by level, for <see cref="VariableScopeBuilder"/>.</summary>
internal sealed class PlayVariables
{
    private readonly RunState _run;
    private readonly PlayState _play;
    private readonly VarsFileCache _varsFiles;
    private readonly Lazy<Dictionary<string, object?>> _groups;
    private readonly Lazy<List<string>> _hostNames;

    public PlayVariables(RunState run, PlayState play, PlaySecrets secrets)
    {
        _run = run;
        _play = play;
        _varsFiles = new VarsFileCache(run.Templates, run.Playbook.Directory, secrets);
        _groups = new Lazy<Dictionary<string, object?>>(() => MagicVariables.Groups(run.Inventory));
        _hostNames = new Lazy<List<string>>(() => run.Inventory.Hosts.Select(h => h.Name).ToList());
    }

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
            SetFacts = host.HostFacts,
        });
    }

    /// <summary>What a templated vars_files path may use: inventory, play vars, extra and magic variables.</summary>
    private VariableLevels PlayLevels(HostState host) => new()
    {
        Inventory = host.Host.Variables,
        HostMagic = MagicVariables.ForHost(host),
        PlayVars = _play.Play.Vars,
        ExtraVars = _run.Options.ExtraVars,
        Magic = MagicVariables.ForPlay(_run, _play, _groups.Value, HostVars()),
    };

    private HostVarsDictionary HostVars() => new(
        name => _run.Inventory.FindHost(name) is { } h ? ScopeFor(_run.State(h), null) : null,
        _hostNames.Value,
        _run.Templates,
        _play.Play.Location);
}
