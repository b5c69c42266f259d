using System.Net;

namespace Orchestrator.Lab;

/// <summary>A lab host: its name, its address in the lab network, and the network namespace it lives in.</summary>
public sealed record LabHost(string Name, IPAddress Address, string NetworkNamespace);
