using System.Net;
using System.Net.Sockets;
using FreeSwitch.Config.Model;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>
/// A profile's capture socket, following sofia-sip's <c>tport_open_log()</c>: setting the same capture string while the
/// socket is open does nothing; NULL closes it; any other value is parsed, the old socket closed, and a new UDP socket
/// created for the first getaddrinfo(AF_UNSPEC) result and connect()ed, never bound and without SO_REUSEADDR, so the
/// kernel picks its port from ip_local_port_range. A value that does not parse leaves everything as it was.
/// </summary>
internal sealed class CaptureTransport : IDisposable
{
    private Socket? _socket;
    private string? _name;
    private CaptureServer? _server;

    public bool IsOpen => _socket is not null;

    /// <summary>The socket's local endpoint, when open.</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    public CaptureServer? Server => _server;

    /// <summary>Applies TPTAG_CAPT(value); returns a message to log at debug level when nothing could be opened.</summary>
    public string? Set(string? value)
    {
        if (value is null)
        {
            Close();
            return null;
        }

        if (_name is not null && _socket is not null && value == _name)
        {
            return null;
        }

        if (!CaptureServer.TryParse(value, out var server, out var error))
        {
            return $"tport_open_log: capture-server \"{value}\" not used: {error}";
        }

        _name = value;
        Close();
        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(server!.Host);
        }
        catch (SocketException e)
        {
            return $"capture: su_getaddrinfo(): {e.Message}";
        }

        if (addresses.Length == 0)
        {
            return "capture: su_getaddrinfo(): no address";
        }

        var socket = new Socket(addresses[0].AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        try
        {
            socket.Connect(new IPEndPoint(addresses[0], server.Port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return $"capture: socket connect: {e.Message}";
        }

        _socket = socket;
        _server = server;
        return null;
    }

    /// <summary>Sends one HEP packet; errors (the capture server is down) are ignored as sofia-sip does.</summary>
    public void Send(in HepEncoder.Message message)
    {
        if (_socket is not { } socket || _server is not { } server)
        {
            return;
        }

        try
        {
            socket.Send(HepEncoder.Encode(server.HepVersion, server.CaptureId, message));
        }
        catch (SocketException)
        {
            // ECONNREFUSED from an earlier ICMP port unreachable, or a full buffer: capture is best effort.
        }
    }

    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose() => Close();
}
