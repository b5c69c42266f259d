using Orchestrator.Core.Shell;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Shell;
using Renci.SshNet;

namespace Orchestrator.Transport.Ssh;

/// <summary>One exec channel running <c>exec /bin/sh -c 'printf RS-pgid-line; script'</c> (see <see cref="PidLineStream"/>).</summary>
internal sealed class SshShellProcess : IShellProcess, ISignalableProcess
{
    private readonly SshCommand _command;
    private readonly Task _execution;
    private readonly PidLineStream _stderr;
    private readonly string _hostName;
    private volatile bool _killed;

    private SshShellProcess(SshCommand command, Task execution, Stream stdin, string hostName)
    {
        _command = command;
        _execution = execution;
        _stderr = new PidLineStream(command.ExtendedOutputStream);
        Stdin = stdin;
        _hostName = hostName;
    }

    public Stream Stdin { get; }

    public Stream Stdout => _command.OutputStream;

    public Stream Stderr => _stderr;

    public int? ProcessGroupId => _stderr.ProcessGroupId;

    /// <summary>
    /// The user's login shell runs our command line, so <c>exec</c> replaces it with a plain /bin/sh at
    /// once: no login-shell start-up files run after it, and the shell's pid (sshd made it a session and
    /// process group leader) is printed first, so the group can be killed on timeout or cancellation.
    /// </summary>
    public static string CommandLine(string script) =>
        "exec /bin/sh -c " + ShellQuote.Quote("printf '\\036orchestrator-pgid %s\\n' $$ >&2\n" + script);

    /// <summary>Opens the channel and sends the exec request. Blocks for one round trip (SSH.NET's channel open is synchronous).</summary>
    public static SshShellProcess Start(SshClient client, string script, string hostName)
    {
        var command = client.CreateCommand(CommandLine(script));
        try
        {
            var execution = command.ExecuteAsync(CancellationToken.None);
            Stream stdin;
            try
            {
                stdin = command.CreateInputStream();
            }
            catch (InvalidOperationException)
            {
                // The command already finished (a fast `true` on a loaded machine): it takes no more input.
                stdin = Stream.Null;
            }

            return new SshShellProcess(command, execution, stdin, hostName);
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        try
        {
            await _execution;
        }
        catch (Exception ex) when (!_killed && SshFailures.IsConnectionLoss(ex))
        {
            throw new HostUnreachableException(_hostName, UnreachableReason.Network,
                $"{_hostName}: the SSH connection was lost while a command was running (it may or may not have completed): {SshFailures.Describe(ex)}", ex);
        }
        catch (Exception) when (_killed)
        {
            return 128 + 9;
        }

        if (_command.ExitStatus is { } status)
        {
            return status;
        }

        return 128 + SignalNumber(_command.ExitSignal);
    }

    public Task KillAsync()
    {
        _killed = true;
        try
        {
            // Signals over SSH are refused for root sessions by OpenSSH, so the process group was
            // already signalled by a kill on another channel; this closes our channel.
            _command.CancelAsync(forceKill: true, millisecondsTimeout: 500);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException || SshFailures.IsConnectionLoss(ex))
        {
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Stdin.Dispose();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException || SshFailures.IsConnectionLoss(ex))
        {
        }

        _command.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int SignalNumber(string? signal) => signal switch
    {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        "ILL" => 4,
        "ABRT" => 6,
        "FPE" => 8,
        "KILL" => 9,
        "USR1" => 10,
        "SEGV" => 11,
        "USR2" => 12,
        "PIPE" => 13,
        "ALRM" => 14,
        "TERM" => 15,
        _ => 127,
    };
}
