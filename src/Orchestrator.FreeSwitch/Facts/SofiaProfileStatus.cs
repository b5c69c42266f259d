namespace Orchestrator.FreeSwitch.Facts;

/// <summary>The rows of <c>sofia status profile P</c> that matter here (facts §8).</summary>
public sealed record SofiaProfileStatus(
    string Name,
    IReadOnlyList<string> RtpIps,
    string? SipIp,
    string? Url,
    string? BindUrl,
    long? CallsIn,
    long? FailedCallsIn,
    long? CallsOut,
    long? FailedCallsOut,
    IReadOnlyDictionary<string, string> Rows);
