using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FreeSwitch.Config.Model;
using FreeSwitch.Esl;
using FreeSwitch.Simulator.Api;
using FreeSwitch.Simulator.Logging;
using FreeSwitch.Simulator.Media;

namespace FreeSwitch.Simulator.Esl;

/// <summary>
/// mod_event_socket's inbound listener: <c>auth/request</c>, then <c>auth &lt;password&gt;</c>; a wrong password gets
/// <c>-ERR invalid</c>, the disconnect notice and a close. <c>api</c> runs an API and answers <c>api/response</c> with a
/// Content-Length; an empty result becomes "-ERR no reply\n" as in api_exec().
/// </summary>
internal sealed class EventSocketServer : IAsyncDisposable
{
    private const string DisconnectMessage = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

    private readonly EventSocketSettings _settings;
    private readonly ApiDispatcher _api;
    private readonly FsLog _log;
    private readonly Action _shutdown;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private Socket? _listener;
    private Task? _acceptLoop;

    public EventSocketServer(EventSocketSettings settings, ApiDispatcher api, FsLog log, Action shutdown)
    {
        _settings = settings;
        _api = api;
        _log = log;
        _shutdown = shutdown;
    }

    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    /// <summary>Binds and listens; throws <see cref="SocketException"/> when the address is taken.</summary>
    public void Start()
    {
        var ip = _settings.ListenIp;
        Socket listener;
        if (ip == "::")
        {
            // "::" listens on both families, as FreeSWITCH's socket does on Linux.
            listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            RtpSockets.SetReuseAddress(listener);
            listener.Bind(new IPEndPoint(IPAddress.IPv6Any, _settings.ListenPort));
        }
        else
        {
            var address = IPAddress.Parse(ip);
            listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            RtpSockets.SetReuseAddress(listener);
            listener.Bind(new IPEndPoint(address, _settings.ListenPort));
        }

        listener.Listen(64);
        _listener = listener;
        _log.Log(FsLogLevel.Info, "mod_event_socket.c", 2940, $"Socket up listening on {ip}:{_settings.ListenPort}");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        Task[] pending;
        lock (_connections)
        {
            pending = [.. _connections];
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            client.NoDelay = true;
            var task = Task.Run(() => ServeAsync(client));
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(task);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var socket = client;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new CommandReader(stream);
        var authed = false;
        var running = true;
        try
        {
            await WriteAsync(stream, "Content-Type: auth/request\n\n");
            while (running && !_stop.IsCancellationRequested)
            {
                var command = await reader.ReadAsync(_stop.Token);
                if (command is null)
                {
                    return;
                }

                var cmd = command.Value.Command;
                if (cmd.StartsWith("exit", StringComparison.OrdinalIgnoreCase) || cmd.StartsWith("...", StringComparison.Ordinal))
                {
                    await Reply(stream, "+OK bye");
                    running = false;
                    break;
                }

                if (!authed)
                {
                    if (cmd.StartsWith("auth ", StringComparison.OrdinalIgnoreCase))
                    {
                        if (string.Equals(cmd[5..], _settings.Password, StringComparison.Ordinal))
                        {
                            authed = true;
                            await Reply(stream, "+OK accepted");
                        }
                        else
                        {
                            await Reply(stream, "-ERR invalid");
                            running = false;
                        }
                    }
                    else
                    {
                        await Reply(stream, "-ERR command not found");
                    }

                    continue;
                }

                if (cmd.StartsWith("api ", StringComparison.OrdinalIgnoreCase))
                {
                    var consoleExecute = FreeSwitchValues.IsTrue(command.Value.Header("console_execute"));
                    await ApiAsync(stream, cmd[4..], consoleExecute);
                }
                else if (cmd.StartsWith("bgapi ", StringComparison.OrdinalIgnoreCase))
                {
                    var job = Guid.NewGuid().ToString("D");
                    await WriteAsync(stream, $"Content-Type: command/reply\nReply-Text: +OK Job-UUID: {job}\nJob-UUID: {job}\n\n");
                    var result = _api.Execute(cmd[6..]);
                    if (result.Shutdown)
                    {
                        _shutdown();
                    }
                }
                else if (cmd.StartsWith("event", StringComparison.OrdinalIgnoreCase))
                {
                    await Reply(stream, "+OK event listener enabled plain");
                }
                else if (cmd.StartsWith("noevents", StringComparison.OrdinalIgnoreCase))
                {
                    await Reply(stream, "-ERR not listening for events");
                }
                else if (cmd.StartsWith("nolog", StringComparison.OrdinalIgnoreCase))
                {
                    await Reply(stream, "-ERR not loging");
                }
                else if (cmd.StartsWith("log", StringComparison.OrdinalIgnoreCase))
                {
                    var level = cmd.Length > 4 ? cmd[4..] : "debug";
                    await Reply(stream, $"+OK log level {level} [7]");
                }
                else
                {
                    await Reply(stream, "-ERR command not found");
                }
            }

            var notice = $"Content-Type: text/disconnect-notice\nContent-Length: {Encoding.UTF8.GetByteCount(DisconnectMessage)}\n\n{DisconnectMessage}";
            await WriteAsync(stream, notice);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or we are shutting down.
        }
    }

    private async Task ApiAsync(Stream stream, string commandLine, bool consoleExecute)
    {
        var result = _api.Execute(commandLine);
        string body;
        if (result.Body is null)
        {
            // With console_execute the whole line is echoed; without it only the API name.
            var name = consoleExecute ? commandLine : commandLine.Split(' ')[0];
            body = $"-ERR {name} Command not found!\n";
        }
        else
        {
            body = result.Body.Length == 0 ? "-ERR no reply\n" : result.Body;
        }

        await WriteAsync(stream, $"Content-Type: api/response\nContent-Length: {Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture)}\n\n{body}");
        if (result.Shutdown)
        {
            _shutdown();
        }
    }

    private static Task Reply(Stream stream, string text) => WriteAsync(stream, $"Content-Type: command/reply\nReply-Text: {text}\n\n");

    private static async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }

    /// <summary>Reads ESL commands: a first line, header lines up to a blank line, and a body when Content-Length says so. '\r' is ignored.</summary>
    private sealed class CommandReader(Stream stream)
    {
        private readonly EslFrameReader _frames = new((buffer, cancellationToken) => stream.ReadAsync(buffer, cancellationToken));

        public async Task<EslCommand?> ReadAsync(CancellationToken cancellationToken)
        {
            if (await _frames.ReadHeadAsync(cancellationToken) is not { } head)
            {
                return null;
            }

            var command = new EslCommand(head[0], EslFrameReader.Headers(head.Skip(1)));
            if (EslFrameReader.ContentLength(command.Headers) is { } length && length > 0 && await _frames.ReadBodyAsync(length, cancellationToken) is null)
            {
                return null;
            }

            return command;
        }
    }

    private readonly record struct EslCommand(string Command, List<(string Name, string Value)> Headers)
    {
        public string? Header(string name) => EslFrameReader.Find(Headers, name);
    }
}
