namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>shell</c>: runs a command through <c>/bin/sh -c</c> (or <c>executable</c>).</summary>
internal sealed class ShellModule : CommandModuleBase
{
    public override string Name => "shell";

    protected override bool UsesShell => true;
}
