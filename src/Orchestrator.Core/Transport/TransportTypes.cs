using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Transport;

/// <summary>A command to run through <c>/bin/sh -c</c> on the host.</summary>
/// <param name="CommandText">The shell command. Never put secrets here: pass them through <see cref="Stdin"/>.</param>
public sealed record RemoteCommand(string CommandText)
{
    /// <summary>Run through sudo (to <see cref="BecomeUser"/>, default root).</summary>
    public bool Become { get; init; }

    public string? BecomeUser { get; init; }

    /// <summary>Data written to the command's standard input, then closed.</summary>
    public Secret? Stdin { get; init; }

    /// <summary>Per-command timeout; null uses the connection's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// More input the command asks for while it runs (after <see cref="Stdin"/>): lets one session read, let the controller
    /// think, and go on, where two sessions would cost a second login and a second sudo.
    /// </summary>
    public StdinReply? Reply { get; init; }
}

/// <summary>
/// Input written to a running command once its stdout prints <see cref="Prompt"/> on a line of its own: <see cref="Answer"/>
/// gets the stdout up to that line and returns what to write (a secret: never logged). Standard input is closed after
/// it, or at once when the command exits without asking.
/// </summary>
public sealed record StdinReply(string Prompt, Func<string, CancellationToken, Task<Secret>> Answer);

public sealed record CommandResult(int ExitCode, string Stdout, string Stderr, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>A file to write on the host.</summary>
public sealed record FileUpload(string RemotePath, ReadOnlyMemory<byte> Content)
{
    /// <summary>Octal mode such as "0644"; null keeps the old file's mode (or the umask default for a new file).</summary>
    public string? Mode { get; init; }

    /// <summary>Owner; null keeps the old file's owner.</summary>
    public string? Owner { get; init; }

    /// <summary>Group; null keeps the old file's group.</summary>
    public string? Group { get; init; }

    /// <summary>Keep a timestamped copy of the old file next to it, like Ansible's <c>backup: yes</c>.</summary>
    public bool Backup { get; init; }

    public bool Become { get; init; }

    public string? BecomeUser { get; init; }
}

/// <param name="BackupPath">Where the old file was copied, when a backup was asked for and a file existed.</param>
/// <param name="Sha256">The sha256 of the content written.</param>
public sealed record UploadResult(string? BackupPath, string Sha256);

public enum UnreachableReason
{
    Network,
    Timeout,
    Authentication,
    HostKey,
}

/// <summary>The host could not be reached or logged into. The engine reports such hosts as UNREACHABLE.</summary>
public sealed class HostUnreachableException : Exception
{
    public HostUnreachableException(string hostName, UnreachableReason reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        HostName = hostName;
        Reason = reason;
    }

    public string HostName { get; }

    public UnreachableReason Reason { get; }
}
