namespace Orchestrator.Lab;

/// <summary>What <c>lab up</c> builds. Every knob of a scenario can be overridden.</summary>
public sealed class LabOptions
{
    /// <summary>Lab name; it prefixes namespaces and interfaces, so two labs with different names coexist.</summary>
    public string Name { get; set; } = "lab";

    public int Hosts { get; set; } = 3;

    /// <summary>Where the lab keeps its state, keys, inventory and host trees.</summary>
    public string Directory { get; set; } = ".lab";

    /// <summary><c>clean</c> (default) or <c>collide</c>.</summary>
    public string Scenario { get; set; } = "clean";

    public int? RtpStartPort { get; set; }

    public int? RtpEndPort { get; set; }

    /// <summary>ip_local_port_range as "low high".</summary>
    public string? EphemeralRange { get; set; }

    /// <summary>ip_local_reserved_ports, e.g. "20000-20100".</summary>
    public string? ReservedPorts { get; set; }

    public bool? Robustness { get; set; }

    public bool? Capture { get; set; }

    /// <summary>The capture-server value written to sofia.conf.xml; default points at homer.</summary>
    public string? CaptureServer { get; set; }

    /// <summary>Receives a line per step of <c>lab up</c> ("starting freeswitch on 5 hosts"), for a progress display.</summary>
    public IProgress<string>? Progress { get; set; }

    /// <summary>Makes <c>lab up</c> fail after the hosts are set up, to test that it cleans up after itself.</summary>
    internal bool FailAfterHostSetupForTests { get; set; }
}
