using Orchestrator.Core.Transport;

namespace Orchestrator.Transport.AdHoc;

/// <summary>One host's outcome. Text fields are already redacted.</summary>
/// <param name="ExitCode">The command's exit code; null when it never ran.</param>
/// <param name="Message">Why a host is unreachable or failed without an exit code.</param>
public sealed record AdHocHostResult(
    string Host,
    AdHocStatus Status,
    int? ExitCode,
    string Stdout,
    string Stderr,
    string? Message,
    UnreachableReason? UnreachableReason,
    DateTimeOffset Started,
    TimeSpan Duration);
