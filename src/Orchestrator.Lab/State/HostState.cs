namespace Orchestrator.Lab.State;

/// <summary>What <see cref="LabState"/> records for one host: its address, namespaces and veth, to tear them down.</summary>
internal sealed class HostState
{
    public required string Name { get; set; }

    public required string Address { get; set; }

    public required string Namespace { get; set; }

    public required string Veth { get; set; }

    /// <summary>Bind-mounted nsfs files that keep the host's mount and UTS namespaces alive (null for homer).</summary>
    public string? MountNamespaceFile { get; set; }

    public string? UtsNamespaceFile { get; set; }
}
