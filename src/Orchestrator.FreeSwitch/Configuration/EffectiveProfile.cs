namespace Orchestrator.FreeSwitch.Configuration;

/// <summary>One SIP profile's settings that matter for capture placement.</summary>
public sealed record EffectiveProfile(
    string Name,
    string SipIp,
    IReadOnlyList<string> RtpIps,
    int SipPort,
    bool SipCapture,
    string? SipCaptureValue,
    bool Rtcp,
    string? Location)
{
    /// <summary>The file the profile is written in (for the xml-mode playbooks).</summary>
    public string? File { get; init; }
}
