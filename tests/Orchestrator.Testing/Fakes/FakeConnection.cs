using System.Security.Cryptography;
using Orchestrator.Core.Transport;

namespace Orchestrator.Testing.Fakes;

/// <summary>A connection to a <see cref="FakeHost"/>: commands run against its emulation, uploads land in its files.</summary>
public sealed class FakeConnection(FakeHost host) : IHostConnection
{
    public string HostName => host.Name;

    public List<RemoteCommand> Sent { get; } = [];

    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        if (host.Unreachable)
        {
            throw new HostUnreachableException(host.Name, UnreachableReason.Network, $"{host.Name}: connection lost");
        }

        lock (Sent)
        {
            Sent.Add(command);
        }

        return Task.FromResult(host.Run(command.CommandText));
    }

    public Task<UploadResult> UploadAsync(FileUpload upload, CancellationToken cancellationToken)
    {
        if (host.TransferError is { } error)
        {
            throw new IOException(error);
        }

        host.Uploads.Enqueue(upload.RemotePath);
        string? backup = null;
        host.Files.TryGetValue(upload.RemotePath, out var old);
        if (upload.Backup && old is not null)
        {
            backup = upload.RemotePath + ".bak";
            host.Files[backup] = old;
        }

        host.Files[upload.RemotePath] = new FakeFile(upload.Content.ToArray(), upload.Mode ?? old?.Mode ?? "0644", upload.Owner ?? old?.Owner ?? "root", upload.Group ?? old?.Group ?? "root");
        return Task.FromResult(new UploadResult(backup, Convert.ToHexStringLower(SHA256.HashData(upload.Content.Span))));
    }

    public Task<byte[]> DownloadAsync(string remotePath, bool become, CancellationToken cancellationToken) =>
        host.TransferError is { } error ? throw new IOException(error)
        : host.Files.TryGetValue(remotePath, out var f) ? Task.FromResult(f.Content.ToArray())
        : throw new FileNotFoundException(remotePath);

    public Task<string?> Sha256Async(string remotePath, bool become, CancellationToken cancellationToken) =>
        Task.FromResult(host.Files.TryGetValue(remotePath, out var f) ? Convert.ToHexStringLower(SHA256.HashData(f.Content)) : null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
