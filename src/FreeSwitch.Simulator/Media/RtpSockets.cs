using System.Net;
using System.Net.Sockets;

namespace FreeSwitch.Simulator.Media;

/// <summary>Opens RTP sockets the way switch_rtp.c does: bound to rtp-ip:port with SO_REUSEADDR (and nothing else).</summary>
internal static class RtpSockets
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    /// <summary>Binds; null when the kernel refuses (EADDRINUSE), with the error in <paramref name="error"/>.</summary>
    public static Socket? Bind(IPAddress ip, int port, out SocketError error)
    {
        var socket = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            SetReuseAddress(socket);
            socket.Bind(new IPEndPoint(ip, port));
            error = SocketError.Success;
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            error = e.SocketErrorCode;
            return null;
        }
    }

    /// <summary>
    /// SO_REUSEADDR alone. .NET's ReuseAddress option also sets SO_REUSEPORT on Linux, which changes which binds
    /// conflict, so the raw option is used.
    /// </summary>
    public static void SetReuseAddress(Socket socket) => socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
}
