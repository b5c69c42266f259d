using System.Globalization;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Ssh;
using Polly;
using Polly.Timeout;

namespace Orchestrator.Transport.Retry;

/// <summary>
/// Runs connect attempts through the <see cref="ConnectRetryPipelineBuilderExtensions.AddConnectRetry"/>
/// pipeline and turns what is left after the retries into a <see cref="HostUnreachableException"/>
/// with the reason, the attempt count and the elapsed time.
/// </summary>
internal sealed class ConnectRetryPolicy
{
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _time;

    public ConnectRetryPolicy(ConnectRetryOptions options, TimeProvider time, ILogger logger)
    {
        _time = time;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        builder.AddConnectRetry(options);
        _pipeline = builder.Build();
        Logger = logger;
    }

    private ILogger Logger { get; }

    private sealed class AttemptLog
    {
        public int Attempts;
        public Exception? Last;
    }

    public async Task<T> ExecuteAsync<T>(string hostName, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var log = new AttemptLog();
        try
        {
            return await _pipeline.ExecuteAsync(
                async ct =>
                {
                    if (log.Attempts > 0)
                    {
                        Logger.LogInformation("{Host}: connect attempt {Attempt} after: {Error}", hostName, log.Attempts + 1, log.Last is null ? "?" : Describe(log.Last));
                    }

                    log.Attempts++;
                    try
                    {
                        return await attempt(ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        log.Last = ex;
                        throw;
                    }
                },
                cancellationToken);
        }
        catch (HostUnreachableException)
        {
            throw;
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var last = log.Last is null ? "no answer" : Describe(log.Last);
            throw new HostUnreachableException(hostName, UnreachableReason.Timeout,
                $"{hostName}: {Prefix(log.Last)}gave up after {Elapsed(started)} ({Attempts(log)}); last error: {last}", log.Last ?? ex);
        }
        catch (Exception ex) when (SshFailures.IsConnectFailure(ex))
        {
            var reason = SshFailures.IsTimeout(SshFailures.Unwrap(ex)) ? UnreachableReason.Timeout : UnreachableReason.Network;
            throw new HostUnreachableException(hostName, reason,
                $"{hostName}: {Prefix(ex)}{Describe(ex)} ({Attempts(log)} in {Elapsed(started)})", ex);
        }
    }

    private static string Prefix(Exception? ex) => ex is SshConnectFailure f ? $"cannot connect to {f.Target}: " : string.Empty;

    private static string Describe(Exception ex) => SshFailures.Describe(SshFailures.Unwrap(ex));

    private static string Attempts(AttemptLog log) => log.Attempts == 1 ? "1 attempt" : $"{log.Attempts} attempts";

    private string Elapsed(long started) =>
        _time.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
