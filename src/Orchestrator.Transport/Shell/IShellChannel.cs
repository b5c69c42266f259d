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

/// <summary>Starts shell scripts on one host: over an SSH exec channel, or locally.</summary>
internal interface IShellChannel : IAsyncDisposable
{
    /// <param name="script">Run by <c>/bin/sh -c</c>; never contains a secret (secrets go over stdin).</param>
    Task<IShellProcess> StartAsync(string script, CancellationToken cancellationToken);
}
