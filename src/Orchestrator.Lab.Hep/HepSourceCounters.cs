namespace Orchestrator.Lab.Hep;

/// <summary>What arrived from one capture socket (one source address and port).</summary>
public sealed class HepSourceCounters
{
    public required string Address { get; set; }

    public int Port { get; set; }

    public long Packets { get; set; }

    /// <summary>The last SIP message's method ("INVITE"), or status and method for a response ("200 INVITE").</summary>
    public string? LastSip { get; set; }

    public uint? CaptureId { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
