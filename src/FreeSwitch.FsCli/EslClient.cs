using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace FreeSwitch.FsCli;

/// <summary>A minimal ESL client (libs/esl): connect, expect auth/request, authenticate, send commands, read framed replies.</summary>
internal sealed class EslClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    private EslClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Connects and authenticates; throws <see cref="EslException"/> with esl.c's handle->err text.</summary>
    public static EslClient Connect(string host, int port, string password, TimeSpan timeout)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            if (!client.ConnectAsync(host, port).Wait(timeout))
            {
                throw new EslException("Connection timed out");
            }
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            client.Dispose();
            throw new EslException("Socket Connection Error", e.InnerException);
        }

        var esl = new EslClient(client);
        try
        {
            client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            var hello = esl.ReadEvent();
            if (hello is null || !string.Equals(hello.Header("Content-Type"), "auth/request", StringComparison.OrdinalIgnoreCase))
            {
                throw new EslException("Connection Error");
            }

            esl.Send($"auth {password}\n\n");
            var reply = esl.ReadEvent();
            if (reply is null || !string.Equals(reply.Header("Reply-Text"), "+OK accepted", StringComparison.OrdinalIgnoreCase))
            {
                throw new EslException("Authentication Error");
            }

            client.ReceiveTimeout = 0;
            return esl;
        }
        catch (IOException e)
        {
            esl.Dispose();
            throw new EslException("Connection Error", e);
        }
        catch
        {
            esl.Dispose();
            throw;
        }
    }

    public void Send(string text) => _stream.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends "api CMD" with console_execute, as fs_cli -x does, and returns the reply.</summary>
    public EslEvent? Api(string command)
    {
        Send($"api {command}\nconsole_execute: true\n\n");
        while (ReadEvent() is { } reply)
        {
            var type = reply.Header("Content-Type");
            if (string.Equals(type, "api/response", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "command/reply", StringComparison.OrdinalIgnoreCase))
            {
                return reply;
            }
        }

        return null;
    }

    /// <summary>Reads one framed message: headers up to a blank line, then Content-Length bytes of body.</summary>
    public EslEvent? ReadEvent()
    {
        var headers = new List<(string, string)>();
        while (true)
        {
            var line = ReadLine();
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (headers.Count == 0)
                {
                    continue;
                }

                break;
            }

            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers.Add((line[..colon].Trim(), Uri.UnescapeDataString(line[(colon + 1)..].Trim())));
            }
        }

        var result = new EslEvent(headers);
        if (result.Header("Content-Length") is { } cl && int.TryParse(cl, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length))
        {
            var body = new byte[length];
            for (var read = 0; read < length;)
            {
                if (_start == _end && !Fill())
                {
                    return null;
                }

                var take = Math.Min(length - read, _end - _start);
                Array.Copy(_buffer, _start, body, read, take);
                _start += take;
                read += take;
            }

            result.Body = Encoding.UTF8.GetString(body);
        }

        return result;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private string? ReadLine()
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !Fill())
            {
                return null;
            }

            var b = _buffer[_start++];
            if (b == '\n')
            {
                return Encoding.UTF8.GetString([.. line]);
            }

            if (b != '\r')
            {
                line.Add(b);
            }
        }
    }

    private bool Fill()
    {
        _start = 0;
        _end = _stream.Read(_buffer, 0, _buffer.Length);
        return _end > 0;
    }
}
