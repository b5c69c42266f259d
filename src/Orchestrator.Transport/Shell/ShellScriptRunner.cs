using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Settings;
using Orchestrator.Transport.Ssh;

namespace Orchestrator.Transport.Shell;

/// <summary>
/// Runs one <c>/bin/sh</c> script on a host's shell channel: become through sudo (prompt, password, marker),
/// stdin, the output pumps, the timeout, and terminating the remote process group when stopped.
/// </summary>
internal sealed class ShellScriptRunner
{
    /// <summary>Exit code reported when a command ran past its timeout (as coreutils <c>timeout</c>).</summary>
    public const int TimeoutExitCode = 124;

    private static readonly TimeSpan StreamDrainGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    private readonly IShellChannel _channel;
    private readonly BecomeSettings _become;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _maxOutputBytes;

    public ShellScriptRunner(string hostName, IShellChannel channel, BecomeSettings become, long maxOutputBytes, TimeProvider time, ILogger logger)
    {
        _maxOutputBytes = maxOutputBytes;
        HostName = hostName;
        _channel = channel;
        _become = become;
        _time = time;
        _logger = logger;
    }

    public string HostName { get; }

    /// <summary>
    /// Runs <paramref name="script"/> (through sudo when <paramref name="become"/>), copies its stdout into
    /// <paramref name="stdoutSink"/> (at most the output limit; the rest is read and dropped, and counted in the result),
    /// answers sudo's prompt, and terminates its process group on cancellation or timeout.
    /// </summary>
    /// <param name="writeInput">Writes the script's stdin; null gives it /dev/null.</param>
    public async Task<ShellScriptResult> RunAsync(
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
        var state = new BecomeExchange(wrap, _maxOutputBytes);

        var exit = process.WaitForExitAsync();
        var stdoutPump = PumpStdoutAsync(process.Stdout, stdoutSink, state, _maxOutputBytes);
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
        var result = Result(exitCode, stderr, duration, state);

        if (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the command was cancelled; its remote process group was terminated.", cancellationToken);
        }

        if (state.WrongPassword.Task.IsCompleted)
        {
            return result with { ExitCode = 1, Stderr = AppendLine(stderr, $"become: sudo rejected the become password for user '{becomeUser ?? _become.User}' on {HostName} (incorrect ansible_become_password).") };
        }

        if (timeoutCts.IsCancellationRequested && killed)
        {
            var limit = timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return result with { ExitCode = TimeoutExitCode, Stderr = AppendLine(stderr, $"orchestrator: the command timed out after {limit} s on {HostName}; its process group was terminated.") };
        }

        if (wrap is not null && exitCode != 0 && !state.MarkerSeen && stderr.Contains("a password is required", StringComparison.Ordinal))
        {
            return result with { Stderr = AppendLine(stderr, $"become: sudo on {HostName} needs a password for this user; set ansible_become_password (or allow NOPASSWD).") };
        }

        return result;
    }

    private static ShellScriptResult Result(int exitCode, string stderr, TimeSpan duration, BecomeExchange state) =>
        new(exitCode, state.StderrDropped > 0 ? AppendLine(stderr, TruncationMarker(state.StderrDropped)) : stderr, duration)
        {
            StdoutDropped = state.StdoutDropped,
            StderrDropped = state.StderrDropped,
        };

    /// <summary>The line that ends an output cut at the limit.</summary>
    public static string TruncationMarker(long dropped) => $"[... {dropped} bytes truncated by orchestrator]";

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

    // Past maxBytes the output is still read, so the remote never blocks on a full channel, and dropped.
    private static async Task PumpStdoutAsync(Stream stdout, Stream sink, BecomeExchange state, long maxBytes)
    {
        var buffer = new byte[32 * 1024];
        var pending = state.Marker is null ? null : new MemoryStream();
        var markerLine = state.Marker is null ? null : Encoding.ASCII.GetBytes(state.Marker + "\n");
        long kept = 0;
        try
        {
            int read;
            while ((read = await stdout.ReadAsync(buffer)) > 0)
            {
                if (pending is null)
                {
                    var room = (int)Math.Min(read, maxBytes - kept);
                    await sink.WriteAsync(buffer.AsMemory(0, room));
                    kept += room;
                    state.StdoutDropped += read - room;
                    continue;
                }

                // Before sudo's marker, output is held back (at most maxBytes of it) to take the marker out.
                var held = (int)Math.Min(read, maxBytes - pending.Length);
                pending.Write(buffer, 0, held);
                state.StdoutDropped += read - held;
                var data = pending.GetBuffer().AsSpan(0, (int)pending.Length);
                var at = data.IndexOf(markerLine);
                if (at >= 0)
                {
                    var after = (int)pending.Length - at - markerLine!.Length;
                    await sink.WriteAsync(pending.GetBuffer().AsMemory(0, at));
                    await sink.WriteAsync(pending.GetBuffer().AsMemory(at + markerLine.Length, after));
                    kept = at + after;
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

    private async Task PumpStderrAsync(Stream stderr, Stream stdin, BecomeExchange state)
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

    private async Task WriteStdinAsync(Stream stdin, Func<Stream, CancellationToken, Task>? writeInput, BecomeExchange state, Task exit, CancellationToken stop)
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
        catch (Exception ex) when (SshFailures.IsFromSshLibrary(ex))
        {
            // The command exited (or the channel closed) before reading all its input.
            _logger.LogDebug("{Host}: stdin closed early: {Error}", HostName, ex.Message);
        }
    }

    private static string AppendLine(string text, string line) =>
        text.Length == 0 || text.EndsWith('\n') ? text + line + "\n" : text + "\n" + line + "\n";
}
