namespace Orchestrator.Lab.Linux;

/// <summary>A lab step failed (a command the lab runs, a process that did not start). Not the user's input.</summary>
public sealed class LabException : Exception
{
    public LabException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
