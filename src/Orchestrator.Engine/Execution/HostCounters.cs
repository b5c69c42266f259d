using Orchestrator.Engine.Output;

namespace Orchestrator.Engine.Execution;

/// <summary>Counters for the PLAY RECAP line of one host.</summary>
internal sealed class HostCounters
{
    private int _ok;
    private int _changed;
    private int _unreachable;
    private int _failed;
    private int _skipped;
    private int _rescued;
    private int _ignored;
    private int _unknown;

    public void AddOk() => Interlocked.Increment(ref _ok);

    public void AddChanged() => Interlocked.Increment(ref _changed);

    public void AddUnreachable() => Interlocked.Increment(ref _unreachable);

    public void AddFailed() => Interlocked.Increment(ref _failed);

    public void AddSkipped() => Interlocked.Increment(ref _skipped);

    public void AddRescued() => Interlocked.Increment(ref _rescued);

    public void AddIgnored() => Interlocked.Increment(ref _ignored);

    public void AddUnknown() => Interlocked.Increment(ref _unknown);

    public HostRecap ToRecap(string host) => new(host, _ok, _changed, _unreachable, _failed, _skipped, _rescued, _ignored, _unknown);

    public bool AnyChangeOrUnknown => _changed > 0 || _unknown > 0;
}
