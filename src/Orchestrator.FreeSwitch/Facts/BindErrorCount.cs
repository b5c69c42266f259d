namespace Orchestrator.FreeSwitch.Facts;

/// <summary>New <c>Bind Error</c> lines in the FreeSWITCH log over a window, counted by the lines' own timestamps.</summary>
public sealed record BindErrorCount(string LogFile, bool Readable, TimeSpan Window, string? Since, long Rtp, long Rtcp, string? LastLine)
{
    /// <summary>Why the log could not be read (when <see cref="Readable"/> is false): missing, permission denied, a missing tool.</summary>
    public string? UnreadableReason { get; init; }
}
