namespace Orchestrator.Engine.Modules;

public enum PlanKind
{
    /// <summary>The host is already in the desired state.</summary>
    NoChange,

    /// <summary>Applying would change the host (the plan carries a diff).</summary>
    WouldChange,

    /// <summary>The module cannot predict the outcome (a command without creates/removes, or state an earlier unapplied change decides).</summary>
    Unknown,

    /// <summary>Planning itself failed (missing source file, bad remote state).</summary>
    Failed,
}
