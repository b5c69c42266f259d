namespace Orchestrator.Compliance.Results;

/// <summary>The outcome of one control on one host. The lower-case names are the stable wire values (JSON, history).</summary>
public enum ControlStatus
{
    /// <summary>The host complies.</summary>
    Pass,

    /// <summary>The host does not comply; the evidence says what was observed.</summary>
    Fail,

    /// <summary>The check could not be evaluated (a fact was missing, the host was unreachable).</summary>
    Error,

    /// <summary>A waiver in force covers the control on this host; the check still ran and its outcome is kept.</summary>
    Waived,

    /// <summary>Not applicable (the control's host pattern excludes the host, or what it checks is not running).</summary>
    Skipped,
}
