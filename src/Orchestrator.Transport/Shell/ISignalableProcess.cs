namespace Orchestrator.Transport.Shell;

/// <summary>A process whose remote process group can be signalled from another channel.</summary>
internal interface ISignalableProcess
{
    int? ProcessGroupId { get; }
}
