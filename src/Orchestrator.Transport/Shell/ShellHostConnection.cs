using System.Text;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Settings;

namespace Orchestrator.Transport.Shell;

/// <summary>
/// <see cref="IHostConnection"/> over a shell channel (SSH or local): commands, become, and the file
/// operations, all as <c>/bin/sh</c> scripts with data on stdin/stdout. Several calls may run at once;
/// each gets its own channel.
/// </summary>
internal sealed class ShellHostConnection : IHostConnection
{
    private readonly IShellChannel _channel;
    private readonly ShellScriptRunner _scripts;
    private readonly TimeSpan? _defaultTimeout;
    private readonly long _maxOutputBytes;

    public ShellHostConnection(string hostName, IShellChannel channel, BecomeSettings become, TimeSpan? defaultTimeout, long maxOutputBytes, TimeProvider time, ILogger logger)
    {
        HostName = hostName;
        Become = become;
        _channel = channel;
        _maxOutputBytes = maxOutputBytes;
        _scripts = new ShellScriptRunner(hostName, channel, become, maxOutputBytes, time, logger);
        _defaultTimeout = defaultTimeout;
    }

    public string HostName { get; }

    /// <summary>Inventory become settings of the host; commands opt in with <see cref="RemoteCommand.Become"/>.</summary>
    public BecomeSettings Become { get; }

    public async Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stdin = command.Stdin is null ? null : Encoding.UTF8.GetBytes(command.Stdin.Reveal());
        using var stdout = command.Reply is null ? new MemoryStream() : new PromptWatchingStream(command.Reply.Prompt);
        Exception? answerFailure = null;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Func<Stream, CancellationToken, Task>? writeInput = stdin is null ? null : (s, ct) => s.WriteAsync(stdin, ct).AsTask();
        if (command.Reply is { } reply && stdout is PromptWatchingStream watcher)
        {
            writeInput = async (s, ct) =>
            {
                if (stdin is not null)
                {
                    await s.WriteAsync(stdin, ct);
                    await s.FlushAsync(ct);
                }

                // Returns when the prompt is seen; cancelled (stdin then closes) when the command exits without asking.
                var soFar = await watcher.Prompted.WaitAsync(ct);
                try
                {
                    var answer = await reply.Answer(Decode(soFar), ct);
                    await s.WriteAsync(Encoding.UTF8.GetBytes(answer.Reveal()), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The command waits for an answer that will not come (and SSH.NET sends no end-of-file without
                    // data): terminate it as a cancellation would, and report why afterwards.
                    answerFailure = ex;
                    await abandon.CancelAsync();
                }
            };
        }

        ShellScriptResult raw;
        try
        {
            raw = await _scripts.RunAsync(
                command.ShellText(),
                command.Become,
                command.BecomeUser,
                writeInput,
                stdout,
                command.Timeout ?? _defaultTimeout,
                abandon.Token);
        }
        catch (OperationCanceledException) when (answerFailure is not null && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{HostName}: answering the command's prompt failed, so the command was terminated: {answerFailure.Message}", answerFailure);
        }

        if (answerFailure is not null)
        {
            throw new InvalidOperationException($"{HostName}: answering the command's prompt failed: {answerFailure.Message}", answerFailure);
        }

        var text = Decode(stdout.ToArray());
        if (raw.StdoutDropped > 0)
        {
            text += (text.EndsWith('\n') ? string.Empty : "\n") + ShellScriptRunner.TruncationMarker(raw.StdoutDropped) + "\n";
        }

        return new CommandResult(raw.ExitCode, text, raw.Stderr, raw.Duration) { TruncatedBytes = raw.StdoutDropped + raw.StderrDropped };
    }


    public async Task<UploadResult> UploadAsync(FileUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (string.IsNullOrEmpty(upload.RemotePath) || upload.RemotePath.EndsWith('/'))
        {
            throw new ArgumentException($"'{upload.RemotePath}' is not a file path.", nameof(upload));
        }

        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(upload.Content.Span));
        var script = RemoteScripts.Upload(upload, sha256);
        using var stdout = new MemoryStream();
        var raw = await _scripts.RunAsync(
            script,
            upload.Become,
            upload.BecomeUser,
            async (s, ct) =>
            {
                // Channel packets are at most 32 KiB; larger writes are split by SSH.NET anyway.
                const int chunk = 64 * 1024;
                for (var offset = 0; offset < upload.Content.Length; offset += chunk)
                {
                    await s.WriteAsync(upload.Content.Slice(offset, Math.Min(chunk, upload.Content.Length - offset)), ct);
                }
            },
            stdout,
            _defaultTimeout,
            cancellationToken);
        if (raw.ExitCode != 0)
        {
            throw new IOException($"upload of {upload.RemotePath} to {HostName} failed (rc={raw.ExitCode}): {raw.Stderr.Trim()}");
        }

        var backup = Decode(stdout.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith("backup=", StringComparison.Ordinal))?["backup=".Length..];
        return new UploadResult(string.IsNullOrEmpty(backup) ? null : backup, sha256);
    }

    public async Task<byte[]> DownloadAsync(string remotePath, bool become, CancellationToken cancellationToken)
    {
        using var stdout = new MemoryStream();
        var raw = await _scripts.RunAsync(RemoteScripts.Download(remotePath), become, null, null, stdout, _defaultTimeout, cancellationToken);
        if (raw.ExitCode == 0 && raw.StdoutDropped > 0)
        {
            throw new IOException($"{remotePath} on {HostName} is larger than the transport's output limit ({_maxOutputBytes} bytes); it was not downloaded.");
        }

        return raw.ExitCode switch
        {
            0 => stdout.ToArray(),
            RemoteScripts.MissingFileExitCode => throw new FileNotFoundException($"{remotePath} does not exist on {HostName}.", remotePath),
            _ => throw new IOException($"cannot read {remotePath} on {HostName} (rc={raw.ExitCode}): {raw.Stderr.Trim()}"),
        };
    }

    public async Task<string?> Sha256Async(string remotePath, bool become, CancellationToken cancellationToken)
    {
        using var stdout = new MemoryStream();
        var raw = await _scripts.RunAsync(RemoteScripts.Sha256(remotePath), become, null, null, stdout, _defaultTimeout, cancellationToken);
        if (raw.ExitCode == RemoteScripts.MissingFileExitCode)
        {
            return null;
        }

        var text = Decode(stdout.ToArray());
        if (raw.ExitCode != 0 || text.Length < 64 || !text[..64].All(Uri.IsHexDigit))
        {
            throw new IOException($"cannot checksum {remotePath} on {HostName} (rc={raw.ExitCode}): {raw.Stderr.Trim()}");
        }

        return text[..64];
    }

    public ValueTask DisposeAsync() => _channel.DisposeAsync();

    private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
