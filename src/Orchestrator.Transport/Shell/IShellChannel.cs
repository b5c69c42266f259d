namespace Orchestrator.Transport.Shell;

/// <summary>Starts shell scripts on one host: over an SSH exec channel, or locally.</summary>
internal interface IShellChannel : IAsyncDisposable
{
    /// <param name="script">Run by <c>/bin/sh -c</c>; never contains a secret (secrets go over stdin).</param>
    Task<IShellProcess> StartAsync(string script, CancellationToken cancellationToken);
}
