namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>command</c>: runs a command with each word as one argument (no shell operators).</summary>
internal sealed class CommandModule : CommandModuleBase
{
    public override string Name => "command";

    protected override bool UsesShell => false;
}
