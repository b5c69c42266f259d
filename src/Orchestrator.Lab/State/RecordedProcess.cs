namespace Orchestrator.Lab.State;

/// <summary>A PID plus its start time, so a PID the kernel reused for another process is never signalled.</summary>
internal sealed record RecordedProcess(int Pid, ulong StartTime, string Command)
{
    public bool IsStillThisProcess() => Linux.Procfs.IsAlive(Pid) && Linux.Procfs.StartTime(Pid) == StartTime;
}
