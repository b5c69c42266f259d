namespace Orchestrator.Engine.Output;

/// <summary>Per-host counters, as in Ansible's PLAY RECAP plus <see cref="Unknown"/> (check mode only).</summary>
public sealed record HostRecap(string Host, int Ok, int Changed, int Unreachable, int Failed, int Skipped, int Rescued, int Ignored, int Unknown);
