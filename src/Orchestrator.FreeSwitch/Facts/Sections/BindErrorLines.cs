namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>What the host counted in the log: RTP and RTCP <c>Bind Error</c> lines since <see cref="Since"/> (local time), and the last RTP one.</summary>
internal sealed record BindErrorLines(string? Since, long Rtp, long Rtcp, string? LastLine);
