using Orchestrator.Core.Secrets;
using Orchestrator.Core.Shell;

namespace Orchestrator.Core.Transport;

/// <summary>A command to run through <c>/bin/sh -c</c> on the host.</summary>
/// <param name="CommandText">
/// The shell script. Never put secrets here: pass them through <see cref="Stdin"/>. Never splice data into it either:
/// pass values as <see cref="Arguments"/> and read them as <c>"$1"</c>, <c>"$2"</c>..., so no value meets a shell parser.
/// </param>
public sealed record RemoteCommand(string CommandText)
{
    /// <summary>
    /// The script's positional parameters (<c>"$1"</c>, <c>"$2"</c>..., <c>"$@"</c>). Each is quoted once for the shell that
    /// runs the script and never parsed again, whatever it contains (quotes, <c>$()</c>, newlines, a leading <c>-</c>).
    /// </summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

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

    /// <summary>A script (constant text) and the values it reads as positional parameters.</summary>
    public static RemoteCommand Script(string script, params IReadOnlyList<string> arguments) => new(script) { Arguments = arguments };

    /// <summary>
    /// The text the host's shell runs: <c>set --</c> with the quoted arguments, then the script (the effect of
    /// <c>sh -c SCRIPT sh ARGS...</c>, kept inside one script so that become and the transport's wrappers stay as they are).
    /// </summary>
    /// <exception cref="ArgumentException">An argument contains a NUL character, which no command line can carry.</exception>
    public string ShellText()
    {
        if (Arguments.Count == 0)
        {
            return CommandText;
        }

        if (Arguments.FirstOrDefault(a => a.Contains('\0', StringComparison.Ordinal)) is not null)
        {
            throw new ArgumentException("a command argument contains a NUL character, which no command line can carry");
        }

        return "set -- " + ShellQuote.Join(Arguments) + "\n" + CommandText;
    }
}
