using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Testing.Simulator;

/// <summary>A raw event socket connection: exact bytes, for the handshake tests.</summary>
public sealed class EslConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private EslConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<EslConnection> OpenAsync(string host, int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(host, port);
        return new EslConnection(client);
    }

    public Task SendAsync(string text) => _stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    /// <summary>One framed message: headers to the blank line, plus Content-Length bytes. Empty string at EOF.</summary>
    public async Task<string> ReadAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = Encoding.UTF8.GetString([.. _pending]);
            var end = text.IndexOf("\n\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var head = text[..(end + 2)];
                var length = 0;
                foreach (var line in head.Split('\n'))
                {
                    if (line.StartsWith("Content-Length: ", StringComparison.Ordinal))
                    {
                        length = int.Parse(line[16..], CultureInfo.InvariantCulture);
                    }
                }

                var headBytes = Encoding.UTF8.GetByteCount(head);
                if (_pending.Count >= headBytes + length)
                {
                    var message = Encoding.UTF8.GetString([.. _pending.GetRange(0, headBytes + length)]);
                    _pending.RemoveRange(0, headBytes + length);
                    return message;
                }
            }

            var buffer = new byte[4096];
            var n = await _stream.ReadAsync(buffer, cts.Token);
            if (n == 0)
            {
                return string.Empty;
            }

            _pending.AddRange(buffer.AsSpan(0, n).ToArray());
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
