using System.Net;
using Orchestrator.Core.Transport;

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
}

/// <summary>A running lab: its generated files and hosts. Tests drive the lab through this.</summary>
public sealed class LabFleet : IAsyncDisposable
{
    public string Name => throw new NotImplementedException();

    public string Directory => throw new NotImplementedException();

    /// <summary>The Ansible-compatible YAML inventory the lab wrote.</summary>
    public string InventoryPath => throw new NotImplementedException();

    public string KnownHostsPath => throw new NotImplementedException();

    public string ClientPrivateKeyPath => throw new NotImplementedException();

    /// <summary>The FreeSWITCH hosts (not homer).</summary>
    public IReadOnlyList<LabHost> Hosts => throw new NotImplementedException();

    public LabHost Homer => throw new NotImplementedException();

    /// <summary>Brings a lab up. Needs root; without it, a clear <c>UserInputException</c>.</summary>
    public static Task<LabFleet> UpAsync(LabOptions options, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Attaches to a lab that is up, from the state recorded in its directory.</summary>
    public static LabFleet Open(string directory) => throw new NotImplementedException();

    /// <summary>Stops everything the lab started (by PID) and removes namespaces, veths and mounts. Idempotent.</summary>
    public static Task DownAsync(string directory, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Runs a shell command as root directly inside a host's namespaces (not through SSH): for tests and the lab itself.</summary>
    public Task<CommandResult> ExecInHostAsync(string host, string command, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task StopSshdAsync(string host, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Starts (or restarts) a host's sshd, optionally with extra sshd_config lines (e.g. an AllowUsers restriction).</summary>
    public Task StartSshdAsync(string host, IReadOnlyList<string>? extraConfigLines, CancellationToken cancellationToken) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}

public sealed record LabHost(string Name, IPAddress Address, string NetworkNamespace);
