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
