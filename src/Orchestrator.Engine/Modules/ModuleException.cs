namespace Orchestrator.Engine.Modules;

/// <summary>
/// A module could not do its work on a host (the host answered a probe with something unusable, a file transfer
/// failed, an argument value makes no sense for this host). The engine fails the task with the message and the
/// run goes on, as for a failed plan. Module-specific failures derive from it; bad playbook input is a
/// <see cref="Core.Errors.UserInputException"/> instead (<see cref="ModuleContext.Error"/>).
/// </summary>
public class ModuleException : Exception
{
    public ModuleException()
    {
    }

    public ModuleException(string message)
        : base(message)
    {
    }

    public ModuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
