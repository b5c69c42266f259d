using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using FreeSwitch.Simulator.Hosting;
using FreeSwitch.Simulator.Logging;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>
/// A profile's UDP SIP socket: hands each datagram to the profile under the profile's lock, sends, writes siptrace
/// text, and copies every message in or out to the capture socket as HEP while capture is on. Capture changes are
/// applied on the transport's own loop, shortly after they are asked for, as sofia-sip does.
/// </summary>
internal sealed class SipTransport(CoreState core, object sync) : IDisposable
{
    private readonly CaptureTransport _capture = new();
    private readonly Channel<string?> _captureChanges = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private Socket? _socket;
    private IPEndPoint? _local;
    private Task? _receiveLoop;
    private Task? _captureLoop;

    /// <summary>True once <see cref="Bind"/> succeeded (the socket may be closed since).</summary>
    public bool IsBound => _socket is not null;

    /// <summary>The SIP socket's local endpoint; valid once bound.</summary>
    public IPEndPoint Local => _local!;

    public bool SipTrace { get; set; }

    /// <summary>The capture socket's local endpoint, when one is open.</summary>
    public IPEndPoint? CaptureEndPoint
    {
        get
        {
            lock (sync)
            {
                return _capture.LocalEndPoint;
            }
        }
    }

    /// <summary>Binds the SIP socket; the socket error's message when it fails.</summary>
    public string? Bind(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endPoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return e.Message;
        }

        _socket = socket;
        _local = (IPEndPoint)socket.LocalEndPoint!;
        return null;
    }

    /// <summary>Starts the receive and capture loops; <paramref name="handle"/> runs under the profile's lock.</summary>
    public void Start(Action<ReadOnlyMemory<byte>, IPEndPoint> handle, CancellationToken stop)
    {
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(handle, stop));
        _captureLoop = Task.Run(() => CaptureLoopAsync(stop));
    }

    /// <summary>Posts a capture change (a capture-server value, or null for off) to the capture loop.</summary>
    public void RequestCapture(string? value) => _captureChanges.Writer.TryWrite(value);

    /// <summary>TPTAG_CAPT(value) now; the caller holds the profile's lock or is starting the profile.</summary>
    public void ApplyCapture(string? value)
    {
        if (_capture.Set(value) is { } problem)
        {
            // sofia-sip only reports this through su_log at debug level.
            core.Log.Log(FsLogLevel.Debug, "tport_logging.c", 155, problem);
        }
    }

    /// <summary>Closes the SIP socket and waits for both loops; the stop token must be cancelled first.</summary>
    public async Task StopAsync()
    {
        _captureChanges.Writer.TryComplete();
        _socket?.Dispose();
        foreach (var task in new[] { _receiveLoop, _captureLoop })
        {
            if (task is not null)
            {
                try
                {
                    await task;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    public void Send(byte[] datagram, IPEndPoint remote)
    {
        try
        {
            _socket?.SendTo(datagram, remote);
        }
        catch (SocketException)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        Trace(datagram, remote, received: false);
        _capture.Send(new HepEncoder.Message(false, _local!, remote, datagram, core.Time.GetUtcNow()));
    }

    /// <summary>Closes the capture socket; the caller holds the profile's lock.</summary>
    public void Dispose() => _capture.Dispose();

    private async Task CaptureLoopAsync(CancellationToken stop)
    {
        var reader = _captureChanges.Reader;
        while (await reader.WaitToReadAsync(stop))
        {
            while (reader.TryRead(out var value))
            {
                await Task.Delay(core.CaptureDelay, core.Time, stop);
                lock (sync)
                {
                    ApplyCapture(value);
                }
            }
        }
    }

    private async Task ReceiveLoopAsync(Action<ReadOnlyMemory<byte>, IPEndPoint> handle, CancellationToken stop)
    {
        var buffer = new byte[65536];
        var any = new IPEndPoint(_local!.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket!.ReceiveFromAsync(buffer, SocketFlags.None, any, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP errors from earlier sends surface here on Linux; keep serving.
                continue;
            }

            var remote = (IPEndPoint)result.RemoteEndPoint;
            var data = buffer.AsMemory(0, result.ReceivedBytes);
            lock (sync)
            {
                try
                {
                    Trace(data.Span, remote, received: true);
                    _capture.Send(new HepEncoder.Message(true, _local!, remote, data.ToArray(), core.Time.GetUtcNow()));
                    handle(data, remote);
                }
                catch (Exception e) when (e is FormatException or ArgumentException or SocketException)
                {
                    core.Log.Log(FsLogLevel.Err, "sofia.c", 2330, $"Error handling SIP message from {remote}: {e.Message}");
                }
            }
        }
    }

    /// <summary>sofia global siptrace: tport_log_msg()'s text in the log, no socket, no HEP.</summary>
    private void Trace(ReadOnlySpan<byte> data, IPEndPoint remote, bool received)
    {
        if (!SipTrace)
        {
            return;
        }

        var now = core.Time.GetLocalNow();
        var text = Encoding.UTF8.GetString(data).Replace("\r\n", "\n", StringComparison.Ordinal);
        core.Log.Clean(
            $"{(received ? "recv" : "send")} {data.Length} bytes {(received ? "from" : "to")} udp/[{remote.Address}]:{remote.Port} at {now:HH:mm:ss}.{now.Ticks % TimeSpan.TicksPerSecond / 10:000000}:\n" +
            "------------------------------------------------------------------------\n" + text);
    }
}
