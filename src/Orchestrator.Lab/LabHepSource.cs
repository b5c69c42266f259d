namespace Orchestrator.Lab;

/// <summary>One capture socket as homer saw it: the host it belongs to, its source port, packets, last SIP message.</summary>
public sealed record LabHepSource(string Host, string Address, int Port, long Packets, string? LastSip, uint? CaptureId);
