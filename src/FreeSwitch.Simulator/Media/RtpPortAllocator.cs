using System.Net;
using System.Net.Sockets;

namespace FreeSwitch.Simulator.Media;

/// <summary>
/// FreeSWITCH's RTP port allocator (src/switch_core_port_allocator.c), one per RTP IP: even ports only, the range
/// inclusive; each request starts at a random slot and walks up (wrapping) to the next free one; a freed or failed
/// slot cools down for four walks over it before reuse. With robustness on each candidate is test-bound first
/// (no SO_REUSEADDR) and skipped when busy, with FreeSWITCH's debug line.
/// </summary>
internal sealed class RtpPortAllocator
{
    private const int CoolDown = -4;

    private readonly object _lock = new();
    private readonly IPAddress _ip;
    private readonly int _start;
    private readonly sbyte[] _track;
    private readonly bool _robust;
    private readonly Random _random;
    private readonly Action<string>? _debug;
    private int _used;

    public RtpPortAllocator(IPAddress ip, int start, int end, bool robust, Random random, Action<string>? debug)
    {
        // SPF_EVEN: round an odd start up and an odd end down.
        if (start % 2 != 0)
        {
            start++;
        }

        if (end % 2 != 0)
        {
            end--;
        }

        _ip = ip;
        _start = start;
        _track = new sbyte[Math.Max(0, (end - start + 2) / 2)];
        _robust = robust;
        _random = random;
        _debug = debug;
    }

    public IPAddress Ip => _ip;

    /// <summary>Ports the allocator hands out, low to high.</summary>
    public int Capacity => _track.Length;

    /// <summary>Requests a port; null when every port is in use (FreeSWITCH then logs "No audio RTP ports available!").</summary>
    public int? Request()
    {
        lock (_lock)
        {
            // FreeSWITCH retries forever while robustness keeps failing; bound it so a fully busy range fails instead.
            var attempts = 0;
            while (_used < _track.Length && attempts++ < (_track.Length * 8) + 8)
            {
                var index = _random.Next(_track.Length);
                var tries = 0;
                while (_track[index] != 0 && tries < _track.Length)
                {
                    tries++;
                    if (_track[index] < 0)
                    {
                        _track[index]++;
                    }

                    if (++index >= _track.Length)
                    {
                        index = 0;
                    }
                }

                if (tries >= _track.Length)
                {
                    continue;
                }

                var port = (index + (_start / 2)) * 2;
                var ok = true;
                if (_robust)
                {
                    ok = TestPort(port);
                    _debug?.Invoke($"UDP port robustness check for port {port} {(ok ? "pass" : "fail")}");
                }

                if (ok)
                {
                    _track[index] = 1;
                    _used++;
                    return port;
                }

                _track[index] = CoolDown;
            }

            return null;
        }
    }

    /// <summary>Returns a port; it cools down before it can be handed out again.</summary>
    public void Free(int port)
    {
        if (port < _start)
        {
            return;
        }

        var index = (port - _start) / 2;
        lock (_lock)
        {
            if (index < _track.Length && _track[index] > 0)
            {
                _track[index] = CoolDown;
                _used--;
            }
        }
    }

    /// <summary>test_port(): bind rtp-ip:port without SO_REUSEADDR, then close.</summary>
    private bool TestPort(int port)
    {
        try
        {
            using var socket = new Socket(_ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(_ip, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
