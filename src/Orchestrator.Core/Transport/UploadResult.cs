namespace Orchestrator.Core.Transport;

/// <param name="BackupPath">Where the old file was copied, when a backup was asked for and a file existed.</param>
/// <param name="Sha256">The sha256 of the content written.</param>
public sealed record UploadResult(string? BackupPath, string Sha256);
