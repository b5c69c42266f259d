using System.Net.Sockets;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace Orchestrator.Transport.Ssh;

/// <summary>
/// Classifies SSH.NET and socket failures, and words them for people. The one place outside this folder's
/// SSH.NET calls that knows SSH.NET's exception types: the rest of the transport asks here.
/// </summary>
internal static class SshFailures
{
    /// <summary>What a failed connect attempt ends with: the retry policy turns these into an unreachable host.</summary>
    public static bool IsConnectFailure(Exception ex) =>
        ex is SshConnectFailure or SocketException or TimeoutException or IOException or SshException;

    /// <summary>The attempt ran out of time (as opposed to being refused or dropped).</summary>
    public static bool IsTimeout(Exception ex) => ex is TimeoutException or SshOperationTimeoutException;

    /// <summary>Thrown by SSH.NET itself, e.g. writing to a channel the server already closed.</summary>
    public static bool IsFromSshLibrary(Exception ex) =>
        ex.GetType().Namespace?.StartsWith("Renci.SshNet", StringComparison.Ordinal) == true;

    /// <summary>The failure underneath a <see cref="SshConnectFailure"/>, which only adds the endpoint.</summary>
    public static Exception Unwrap(Exception ex) => ex is SshConnectFailure f ? f.InnerException! : ex;

    /// <summary>The connection itself is gone (as opposed to a command failing).</summary>
    public static bool IsConnectionLoss(Exception ex) => ex switch
    {
        SshConnectionException or SocketException or ObjectDisposedException => true,
        SshException e when e.Message.Contains("not connected", StringComparison.OrdinalIgnoreCase) => true,
        IOException { InnerException: SocketException } => true,
        AggregateException a => a.InnerExceptions.Any(IsConnectionLoss),
        _ => false,
    };

    /// <summary>Connect failures worth retrying: refused, timed out, reset, unreachable, name resolution, dropped during the handshake.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        SocketException s => s.SocketErrorCode is SocketError.ConnectionRefused or SocketError.TimedOut or SocketError.ConnectionReset
            or SocketError.ConnectionAborted or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown
            or SocketError.NetworkDown or SocketError.NetworkReset or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
            or SocketError.Shutdown or SocketError.NotConnected,
        _ when IsTimeout(ex) => true,
        // Dropped or refused by a busy or restarting sshd; not a protocol or key-exchange mismatch.
        SshConnectionException c => c.DisconnectReason is DisconnectReason.None or DisconnectReason.ConnectionLost
            or DisconnectReason.TooManyConnections or DisconnectReason.ByApplication or DisconnectReason.ServiceNotAvailable,
        IOException { InnerException: { } inner } => IsTransient(inner),
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => false,
    };

    public static string Describe(Exception ex) => ex switch
    {
        SocketException s => s.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused (is sshd running and listening on that port?)",
            SocketError.TimedOut => "connection timed out",
            SocketError.ConnectionReset => "connection reset by peer",
            SocketError.ConnectionAborted => "connection aborted",
            SocketError.HostUnreachable => "no route to host",
            SocketError.NetworkUnreachable => "network is unreachable",
            SocketError.HostNotFound or SocketError.NoData => $"name resolution failed ({s.Message})",
            SocketError.TryAgain => $"name resolution failed temporarily ({s.Message})",
            _ => s.Message,
        },
        TimeoutException or SshOperationTimeoutException => ex.Message,
        SshConnectionException c when c.Message.Contains("aborted by the server", StringComparison.OrdinalIgnoreCase)
            => "the server closed the connection during the SSH handshake",
        IOException { InnerException: { } inner } => Describe(inner),
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
        _ => ex.Message,
    };
}
