using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Settings;

namespace Orchestrator.Transport.AdHoc;

/// <summary>
/// Runs one shell command on many hosts, at most <see cref="AdHocRequest.Forks"/> at a time, each host
/// an async task (no thread waits on a host). Connections are opened, used once and closed.
/// </summary>
public sealed class AdHocRunner
{
    private readonly IHostConnector _connector;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;

    public AdHocRunner(IHostConnector connector, TimeProvider time, SecretRedactor redactor)
    {
        _connector = connector;
        _time = time;
        _redactor = redactor;
    }

    /// <param name="hosts">Inventory name and merged variables of each host, in inventory order.</param>
    /// <param name="onResult">Called as each host finishes (serialised: never twice at once).</param>
    /// <returns>Every host's result, in the order of <paramref name="hosts"/>.</returns>
    public async Task<IReadOnlyList<AdHocHostResult>> RunAsync(
        IReadOnlyList<KeyValuePair<string, IReadOnlyDictionary<string, object?>>> hosts,
        AdHocRequest request,
        Func<AdHocHostResult, Task>? onResult,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Forks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Forks, "forks must be at least 1");
        }

        using var forks = new SemaphoreSlim(request.Forks, request.Forks);
        using var reportGate = new SemaphoreSlim(1, 1);
        var tasks = hosts.Select(async host =>
        {
            await forks.WaitAsync(cancellationToken);
            AdHocHostResult result;
            try
            {
                result = await RunOneAsync(host.Key, host.Value, request, cancellationToken);
            }
            finally
            {
                forks.Release();
            }

            if (onResult is not null)
            {
                await reportGate.WaitAsync(CancellationToken.None);
                try
                {
                    await onResult(result);
                }
                finally
                {
                    reportGate.Release();
                }
            }

            return result;
        }).ToList();
        return await Task.WhenAll(tasks);
    }

    private async Task<AdHocHostResult> RunOneAsync(string host, IReadOnlyDictionary<string, object?> variables, AdHocRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var stopwatch = _time.GetTimestamp();
        try
        {
            var become = request.Become || (new HostVariables(host, variables).Bool("ansible_become", "ansible_sudo") ?? false);
            await using var connection = await _connector.ConnectAsync(host, variables, cancellationToken);
            var result = await connection.RunAsync(new RemoteCommand(request.Command) { Become = become, BecomeUser = request.BecomeUser }, cancellationToken);
            return new AdHocHostResult(
                host,
                result.ExitCode == 0 ? AdHocStatus.Changed : AdHocStatus.Failed,
                result.ExitCode,
                _redactor.Redact(result.Stdout),
                _redactor.Redact(result.Stderr),
                result.ExitCode == 0 ? null : "non-zero return code",
                null,
                started,
                _time.GetElapsedTime(stopwatch));
        }
        catch (HostUnreachableException ex)
        {
            return new AdHocHostResult(host, AdHocStatus.Unreachable, null, string.Empty, string.Empty, _redactor.Redact(ex.Message), ex.Reason, started, _time.GetElapsedTime(stopwatch));
        }
        catch (IOException ex)
        {
            return new AdHocHostResult(host, AdHocStatus.Failed, null, string.Empty, string.Empty, _redactor.Redact(ex.Message), null, started, _time.GetElapsedTime(stopwatch));
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or Orchestrator.Core.Errors.UserInputException or OutOfMemoryException))
        {
            // A failure on one host must not take the other hosts' results with it.
            return new AdHocHostResult(host, AdHocStatus.Failed, null, string.Empty, string.Empty, _redactor.Redact($"unexpected {ex.GetType().Name}: {ex.Message}"), null, started, _time.GetElapsedTime(stopwatch));
        }
    }
}
