namespace Orchestrator.Core.Transport;

/// <summary>
/// One open connection to one host, reused for every command and transfer of a run. The engine talks
/// only to this interface; SSH.NET types stay inside the SSH implementation. Implementations are safe
/// to call from one task at a time per connection, and may run several commands concurrently.
/// </summary>
public interface IHostConnection : IAsyncDisposable
{
    /// <summary>The inventory name of the host.</summary>
    string HostName { get; }

    /// <summary>Runs a shell command. A non-zero exit code is a result, not an exception.</summary>
    /// <exception cref="HostUnreachableException">The connection broke and could not be re-established.</exception>
    Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken);

    /// <summary>Writes a file atomically: temp file in the same directory, fsync, rename.</summary>
    Task<UploadResult> UploadAsync(FileUpload upload, CancellationToken cancellationToken);

    /// <summary>Reads a whole remote file. Throws <see cref="FileNotFoundException"/> when it is absent.</summary>
    Task<byte[]> DownloadAsync(string remotePath, bool become, CancellationToken cancellationToken);

    /// <summary>The remote file's sha256 (lower-case hex), or null when it does not exist.</summary>
    Task<string?> Sha256Async(string remotePath, bool become, CancellationToken cancellationToken);
}
