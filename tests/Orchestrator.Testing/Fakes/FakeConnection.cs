using System.Security.Cryptography;
using Orchestrator.Core.Shell;
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

        host.Received.Enqueue(command);

        return Task.FromResult(host.Run(Inline(command)));
    }

    /// <summary>
    /// The command as it would read with its arguments written into the text (quoted), the form the fake host emulates
    /// and logs, so tests read <c>systemctl restart app</c>. What was really sent (script and arguments apart) is in
    /// <see cref="Sent"/>. Knows <c>"$1"</c>..<c>"$9"</c>, <c>"$@"</c> and a line <c>shift</c>.
    /// </summary>
    public static string Inline(RemoteCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Arguments.Count == 0)
        {
            return command.CommandText;
        }

        var shifted = 0;
        var lines = new List<string>();
        foreach (var line in command.CommandText.Split('\n'))
        {
            if (line == "shift")
            {
                shifted++;
                continue;
            }

            var text = line.Replace("\"$@\"", ShellQuote.Join(command.Arguments.Skip(shifted)), StringComparison.Ordinal);
            for (var n = 9; n >= 1; n--)
            {
                var value = shifted + n - 1 < command.Arguments.Count ? ShellQuote.Quote(command.Arguments[shifted + n - 1]) : "''";
                text = text.Replace($"\"${n}\"", value, StringComparison.Ordinal);
            }

            lines.Add(text);
        }

        return string.Join('\n', lines);
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
