using System.Net;

namespace Orchestrator.FreeSwitch.Placement;

/// <summary>One RTP IP of the running profiles, and whether RTCP (port+1) is bound on it.</summary>
public sealed record RtpAddress(IPAddress Address, bool Rtcp, string Profile);
