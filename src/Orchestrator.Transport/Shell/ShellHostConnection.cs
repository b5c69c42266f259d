using System.Globalization;
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
    /// <summary>Exit code reported when a command ran past its timeout (as coreutils <c>timeout</c>).</summary>
    public const int TimeoutExitCode = 124;

    private static readonly TimeSpan StreamDrainGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    private readonly IShellChannel _channel;
    private readonly BecomeSettings _become;
    private readonly TimeSpan? _defaultTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ShellHostConnection(string hostName, IShellChannel channel, BecomeSettings become, TimeSpan? defaultTimeout, TimeProvider time, ILogger logger)
    {
        HostName = hostName;
        _channel = channel;
        _become = become;
        _defaultTimeout = defaultTimeout;
        _time = time;
        _logger = logger;
    }

    public string HostName { get; }

    /// <summary>Inventory become settings of the host; commands opt in with <see cref="RemoteCommand.Become"/>.</summary>
    public BecomeSettings Become => _become;

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

        RawResult raw;
        try
        {
            raw = await ExecuteAsync(
                command.CommandText,
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

        return new CommandResult(raw.ExitCode, Decode(stdout.ToArray()), raw.Stderr, raw.Duration);
    }

    /// <summary>Collects stdout and completes <see cref="Prompted"/> with the bytes before the first line equal to the prompt.</summary>
    private sealed class PromptWatchingStream(string prompt) : MemoryStream
    {
        private readonly byte[] _line = Encoding.UTF8.GetBytes("\n" + prompt + "\n");
        private readonly TaskCompletionSource<byte[]> _prompted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _searchFrom;

        public Task<byte[]> Prompted => _prompted.Task;

        // MemoryStream routes every other Write and WriteAsync overload of a derived class through this one.
        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            if (_prompted.Task.IsCompleted)
            {
                return;
            }

            // The prompt line may straddle two writes: search again from just before the old end.
            var data = GetBuffer().AsSpan(0, (int)Length);
            var at = data[_searchFrom..].IndexOf(_line);
            if (at >= 0)
            {
                _prompted.TrySetResult(data[..(_searchFrom + at)].ToArray());
            }
            else
            {
                _searchFrom = Math.Max(0, data.Length - _line.Length + 1);
            }
        }
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
        var raw = await ExecuteAsync(
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
        var raw = await ExecuteAsync(RemoteScripts.Download(remotePath), become, null, null, stdout, _defaultTimeout, cancellationToken);
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
        var raw = await ExecuteAsync(RemoteScripts.Sha256(remotePath), become, null, null, stdout, _defaultTimeout, cancellationToken);
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

    private sealed record RawResult(int ExitCode, string Stderr, TimeSpan Duration);

    private async Task<RawResult> ExecuteAsync(
        string script,
        bool become,
        string? becomeUser,
        Func<Stream, CancellationToken, Task>? writeInput,
        Stream stdoutSink,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        if (writeInput is null)
        {
            // SSH.NET closes a channel's input (EOF) only after something was written to it, so a command that reads
            // stdin would wait forever; give it /dev/null, as ansible does. sudo itself still reads a password from the
            // channel: the redirection is inside the become wrapper.
            script = "exec </dev/null\n" + script;
        }

        var wrap = become ? BecomeCommand.Wrap(script, _become, becomeUser ?? _become.User) : null;
        var started = _time.GetTimestamp();
        var process = await _channel.StartAsync(wrap?.CommandText ?? script, cancellationToken);
        await using var processScope = process;

        using var timeoutCts = timeout is { } t ? new CancellationTokenSource(t, _time) : new CancellationTokenSource();
        using var stopInput = new CancellationTokenSource();
        var state = new ExchangeState(wrap);

        var exit = process.WaitForExitAsync();
        var stdoutPump = PumpStdoutAsync(process.Stdout, stdoutSink, state);
        var stderrPump = PumpStderrAsync(process.Stderr, process.Stdin, state);
        var stdinPump = WriteStdinAsync(process.Stdin, writeInput, state, exit, stopInput.Token);

        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onCancel = cancellationToken.Register(() => cancelled.TrySetResult());
        using var onTimeout = timeoutCts.Token.Register(() => cancelled.TrySetResult());

        var first = await Task.WhenAny(exit, cancelled.Task, state.WrongPassword.Task);
        var killed = first != exit;
        if (killed)
        {
            await KillAsync(process, wrap is not null, becomeUser);
        }

        await stopInput.CancelAsync();
        int exitCode;
        try
        {
            exitCode = await exit;
        }
        catch (HostUnreachableException) when (killed)
        {
            exitCode = 128 + 9;
        }

        // Output that arrived before the exit is still being copied; wait for it, but never forever.
        await Task.WhenAny(Task.WhenAll(stdoutPump, stderrPump, stdinPump), Task.Delay(StreamDrainGrace, _time));
        var duration = _time.GetElapsedTime(started);
        var stderr = state.Stderr();

        if (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the command was cancelled; its remote process group was terminated.", cancellationToken);
        }

        if (state.WrongPassword.Task.IsCompleted)
        {
            return new RawResult(1, AppendLine(stderr, $"become: sudo rejected the become password for user '{becomeUser ?? _become.User}' on {HostName} (incorrect ansible_become_password)."), duration);
        }

        if (timeoutCts.IsCancellationRequested && killed)
        {
            var limit = timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new RawResult(TimeoutExitCode, AppendLine(stderr, $"orchestrator: the command timed out after {limit} s on {HostName}; its process group was terminated."), duration);
        }

        if (wrap is not null && exitCode != 0 && !state.MarkerSeen && stderr.Contains("a password is required", StringComparison.Ordinal))
        {
            stderr = AppendLine(stderr, $"become: sudo on {HostName} needs a password for this user; set ansible_become_password (or allow NOPASSWD).");
        }

        return new RawResult(exitCode, stderr, duration);
    }

    private async Task KillAsync(IShellProcess process, bool become, string? becomeUser)
    {
        _logger.LogDebug("{Host}: terminating process group {Pid}", HostName, (process as ISignalableProcess)?.ProcessGroupId);
        if (process is ISignalableProcess { ProcessGroupId: { } pid })
        {
            try
            {
                using var killTimeout = new CancellationTokenSource(KillTimeout, _time);
                var wrap = become ? BecomeCommand.Wrap(RemoteScripts.KillProcessGroup(pid), _become, becomeUser ?? _become.User) : null;
                await using var killer = await _channel.StartAsync(wrap?.CommandText ?? RemoteScripts.KillProcessGroup(pid), killTimeout.Token);
                if (wrap?.UsesPassword == true)
                {
                    // The kill goes through sudo too: answer its prompt without waiting for the marker.
                    await killer.Stdin.WriteAsync(Encoding.UTF8.GetBytes(_become.Password!.Reveal() + "\n"), killTimeout.Token);
                }

                await killer.Stdin.DisposeAsync();
                await killer.WaitForExitAsync().WaitAsync(killTimeout.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogDebug("{Host}: could not signal process group {Pid}: {Error}", HostName, pid, ex.Message);
            }
        }

        await process.KillAsync();
    }

    /// <summary>What the stdout and stderr pumps learn about the become exchange.</summary>
    private sealed class ExchangeState
    {
        private readonly StringBuilder _stderr = new();
        private readonly Lock _gate = new();

        public ExchangeState(BecomeCommand? become)
        {
            Prompt = become?.Prompt;
            Marker = become?.Marker;
            if (Marker is null)
            {
                BecomeDone.TrySetResult();
            }
        }

        public string? Prompt { get; }

        public string? Marker { get; }

        public TaskCompletionSource BecomeDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource WrongPassword { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool MarkerSeen { get; set; }

        public int PromptsAnswered { get; set; }

        public SemaphoreSlim StdinGate { get; } = new(1, 1);

        public void AppendStderr(string text)
        {
            lock (_gate)
            {
                _stderr.Append(text);
            }
        }

        public string StderrSoFar()
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }

        public string Stderr()
        {
            var text = StderrSoFar();
            return Prompt is null ? text : text.Replace(Prompt, string.Empty, StringComparison.Ordinal);
        }
    }

    private static async Task PumpStdoutAsync(Stream stdout, Stream sink, ExchangeState state)
    {
        var buffer = new byte[32 * 1024];
        var pending = state.Marker is null ? null : new MemoryStream();
        var markerLine = state.Marker is null ? null : Encoding.ASCII.GetBytes(state.Marker + "\n");
        try
        {
            int read;
            while ((read = await stdout.ReadAsync(buffer)) > 0)
            {
                if (pending is null)
                {
                    await sink.WriteAsync(buffer.AsMemory(0, read));
                    continue;
                }

                pending.Write(buffer, 0, read);
                var data = pending.GetBuffer().AsSpan(0, (int)pending.Length);
                var at = data.IndexOf(markerLine);
                if (at >= 0)
                {
                    await sink.WriteAsync(pending.GetBuffer().AsMemory(0, at));
                    await sink.WriteAsync(pending.GetBuffer().AsMemory(at + markerLine!.Length, (int)pending.Length - at - markerLine.Length));
                    pending = null;
                    state.MarkerSeen = true;
                    state.BecomeDone.TrySetResult();
                }
            }

            if (pending is not null)
            {
                await sink.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length));
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException)
        {
            // The channel was closed under us (kill, lost connection); the exit task reports why.
        }
        finally
        {
            state.BecomeDone.TrySetResult();
        }
    }

    private async Task PumpStderrAsync(Stream stderr, Stream stdin, ExchangeState state)
    {
        var buffer = new byte[8 * 1024];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        var searchFrom = 0;
        try
        {
            int read;
            while ((read = await stderr.ReadAsync(buffer)) > 0)
            {
                var count = decoder.GetChars(buffer, 0, read, chars, 0);
                state.AppendStderr(new string(chars, 0, count));
                if (state.Prompt is null || state.MarkerSeen)
                {
                    continue;
                }

                var text = state.StderrSoFar();
                int at;
                while ((at = text.IndexOf(state.Prompt, searchFrom, StringComparison.Ordinal)) >= 0)
                {
                    searchFrom = at + state.Prompt.Length;
                    if (state.PromptsAnswered > 0)
                    {
                        // sudo asks again only when the password was wrong; never loop on it.
                        state.WrongPassword.TrySetResult();
                        return;
                    }

                    state.PromptsAnswered++;
                    await state.StdinGate.WaitAsync();
                    try
                    {
                        await stdin.WriteAsync(Encoding.UTF8.GetBytes(_become.Password!.Reveal() + "\n"));
                        await stdin.FlushAsync();
                    }
                    finally
                    {
                        state.StdinGate.Release();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException or InvalidOperationException)
        {
            // See PumpStdoutAsync.
        }
    }

    private async Task WriteStdinAsync(Stream stdin, Func<Stream, CancellationToken, Task>? writeInput, ExchangeState state, Task exit, CancellationToken stop)
    {
        try
        {
            // With a sudo password, the command's own input must wait until sudo has let it run.
            await Task.WhenAny(state.BecomeDone.Task, exit, Task.Delay(Timeout.Infinite, stop));
            if (!state.BecomeDone.Task.IsCompleted || stop.IsCancellationRequested)
            {
                return;
            }

            await state.StdinGate.WaitAsync(stop);
            try
            {
                if (writeInput is not null)
                {
                    await writeInput(stdin, stop);
                }

                await stdin.FlushAsync(stop);
                await stdin.DisposeAsync();
            }
            finally
            {
                state.StdinGate.Release();
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException or OperationCanceledException or InvalidOperationException)
        {
            _logger.LogDebug("{Host}: stdin closed early: {Error}", HostName, ex.Message);
        }
        catch (Exception ex) when (ex.GetType().Namespace?.StartsWith("Renci.SshNet", StringComparison.Ordinal) == true)
        {
            // The command exited (or the channel closed) before reading all its input.
            _logger.LogDebug("{Host}: stdin closed early: {Error}", HostName, ex.Message);
        }
    }

    private static string AppendLine(string text, string line) =>
        text.Length == 0 || text.EndsWith('\n') ? text + line + "\n" : text + "\n" + line + "\n";

    private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

/// <summary>A process whose remote process group can be signalled from another channel.</summary>
internal interface ISignalableProcess
{
    int? ProcessGroupId { get; }
}
