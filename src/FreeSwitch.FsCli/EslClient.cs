using System.Net.Sockets;
using System.Text;
using FreeSwitch.Esl;

namespace FreeSwitch.FsCli;

/// <summary>A minimal ESL client (libs/esl): connect, expect auth/request, authenticate, send commands, read framed replies.</summary>
internal sealed class EslClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly EslFrameReader _frames;

    private EslClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();

        // A synchronous read, so the socket's ReceiveTimeout bounds the handshake.
        _frames = new EslFrameReader((buffer, _) => ValueTask.FromResult(_stream.Read(buffer, 0, buffer.Length)));
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

    /// <summary>Reads one framed message: headers (URL-decoded, as libesl does) up to a blank line, then Content-Length bytes of body.</summary>
    public EslEvent? ReadEvent()
    {
        List<(string Name, string Value)> headers;
        do
        {
            if (Completed(_frames.ReadHeadAsync(CancellationToken.None)) is not { } head)
            {
                return null;
            }

            headers = [.. EslFrameReader.Headers(head).Select(h => (h.Name, Uri.UnescapeDataString(h.Value)))];
        }
        while (headers.Count == 0);

        var result = new EslEvent(headers);
        if (EslFrameReader.ContentLength(headers) is { } length)
        {
            if (Completed(_frames.ReadBodyAsync(length, CancellationToken.None)) is not { } body)
            {
                return null;
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

    // The reads are synchronous, so the reader's tasks have completed when they return.
    private static T Completed<T>(ValueTask<T> task) => task.GetAwaiter().GetResult();
}
