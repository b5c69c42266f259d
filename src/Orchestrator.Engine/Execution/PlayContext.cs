using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution;

/// <summary>What every part of a running play receives: the run, the play's state, its variables and its secrets.</summary>
internal sealed record PlayContext(RunState Run, PlayState State, PlayVariables Variables, PlaySecrets Secrets)
{
    public Play Play => State.Play;

    /// <summary>--force-handlers or the play's force_handlers: handlers run even on hosts that failed after notifying.</summary>
    public bool ForceHandlers => Run.Options.ForceHandlers || Play.ForceHandlers;

    public static PlayContext Create(RunState run, Play play)
    {
        var state = new PlayState(play);
        var secrets = new PlaySecrets(run.Redactor, run.Templates, play);

        // hostvars renders each host in its own scope, which holds hostvars again: the one cycle in the data.
        PlayVariables? variables = null;
        var hostVars = new HostVarsDictionary(name => variables!.HostScope(name), run.Inventory.Hosts.Select(h => h.Name).ToList(), run.Templates, play.Location);
        variables = new PlayVariables(run, state, secrets, hostVars);
        return new PlayContext(run, state, variables, secrets);
    }
}
