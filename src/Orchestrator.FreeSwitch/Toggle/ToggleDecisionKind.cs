namespace Orchestrator.FreeSwitch.Toggle;

public enum ToggleDecisionKind
{
    /// <summary>Every capture socket is clear: nothing to do.</summary>
    Clear,

    /// <summary>A socket collides and toggling can move it.</summary>
    Toggle,

    /// <summary>Toggling cannot help (or cannot be done); the reason says why.</summary>
    Impossible,
}
