using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Lab.Hep;

/// <summary>
/// Receives HEP datagrams, counts them per source (the capture socket's address and port), decodes HEPv3
/// and remembers the last SIP method, and relays every datagram unchanged to a second receiver (sngrep),
/// so both see exactly what the FreeSWITCH hosts sent.
/// </summary>
internal sealed class HepListener
{
    private readonly IPEndPoint _listen;
    private readonly IPEndPoint? _forward;
    private readonly string _statePath;
    private readonly TimeProvider _time;
    private readonly HepCounters _counters;
    private readonly Dictionary<(string, int), HepSourceCounters> _bySource = [];
    private readonly Lock _gate = new();
    private bool _dirty = true;

    public HepListener(IPEndPoint listen, IPEndPoint? forward, string statePath, TimeProvider time)
    {
        _listen = listen;
        _forward = forward;
        _statePath = statePath;
        _time = time;
        _counters = new HepCounters { Listen = listen.ToString(), Forward = forward?.ToString() };
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(_listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(_listen);
        using var relay = _forward is null ? null : new Socket(_forward.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        Flush();
        var flusher = FlushLoopAsync(cancellationToken);
        var buffer = new byte[65536];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(_listen.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0), cancellationToken);
                var datagram = buffer.AsMemory(0, received.ReceivedBytes);
                if (relay is not null)
                {
                    await relay.SendToAsync(datagram, SocketFlags.None, _forward!, cancellationToken);
                }

                Count((IPEndPoint)received.RemoteEndPoint, datagram.Span);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await flusher;
        Flush();
    }

    internal void Count(IPEndPoint from, ReadOnlySpan<byte> datagram)
    {
        lock (_gate)
        {
            _counters.Datagrams++;
            var key = (from.Address.ToString(), from.Port);
            if (!_bySource.TryGetValue(key, out var source))
            {
                source = new HepSourceCounters { Address = key.Item1, Port = key.Item2 };
                _bySource[key] = source;
                _counters.Sources.Add(source);
            }

            source.Packets++;
            source.LastSeen = _time.GetUtcNow();
            if (HepDecoder.TryDecode(datagram, out var packet, out var error))
            {
                source.CaptureId = packet.CaptureId;
                source.LastSip = HepDecoder.SipSummary(packet.Payload.Span) ?? source.LastSip;
            }
            else
            {
                _counters.Undecodable++;
                _counters.LastError = error;
            }

            _dirty = true;
        }
    }

    /// <summary>A copy of the counters now (the JSON round trip the file makes).</summary>
    internal HepCounters Snapshot()
    {
        lock (_gate)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(_counters);
            return System.Text.Json.JsonSerializer.Deserialize<HepCounters>(json)!;
        }
    }

    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken);
                Flush();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Flush()
    {
        lock (_gate)
        {
            if (_dirty)
            {
                _counters.Save(_statePath);
                _dirty = false;
            }
        }
    }
}
