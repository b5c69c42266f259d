namespace Orchestrator.Transport.Shell;

/// <summary>A running <c>/bin/sh -c</c> script on a host, with its three standard streams.</summary>
internal interface IShellProcess : IAsyncDisposable
{
    /// <summary>The script's standard input; disposing it sends end-of-file.</summary>
    Stream Stdin { get; }

    Stream Stdout { get; }

    Stream Stderr { get; }

    /// <summary>Completes with the exit code (128 + signal number when killed by a signal).</summary>
    /// <exception cref="Core.Transport.HostUnreachableException">The connection broke before the script finished.</exception>
    Task<int> WaitForExitAsync();

    /// <summary>Terminates the script's whole process group (TERM, then KILL), best effort, and closes its streams.</summary>
    Task KillAsync();
}
