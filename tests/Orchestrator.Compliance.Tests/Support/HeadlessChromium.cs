using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Compliance.Tests.Support;

/// <summary>
/// Real headless Chromium (Debian's <c>chromium</c>) driven over the DevTools protocol on 127.0.0.1: navigate,
/// evaluate, screenshot, and every console error, uncaught exception and network request the page caused.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Binary = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Console errors, uncaught exceptions and log entries of level error.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Every URL the page requested.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private TaskCompletionSource Loaded { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<HeadlessChromium> StartAsync()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: run scripts/install-deps.sh --with-browser (Debian package chromium)");
        var profile = Path.Combine(Path.GetTempPath(), "orchestrator-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var psi = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", "--window-size=1280,1600", $"--user-data-dir={profile}", "about:blank",
        })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }

        return browser;
    }

    private async Task ConnectAsync()
    {
        // Chromium writes the port it picked to DevToolsActivePort in the profile directory.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(portFile) || (await File.ReadAllTextAsync(portFile)).Split('\n').Length < 2)
        {
            Assert.False(_process.HasExited, $"chromium exited with {(_process.HasExited ? _process.ExitCode : 0)} before opening the DevTools port");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "chromium did not open its DevTools port within 60 s");
            await Task.Delay(100);
        }

        var port = (await File.ReadAllTextAsync(portFile)).Split('\n')[0].Trim();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await _socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        _reader = Task.Run(ReadLoopAsync);
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        await SendAsync("Page.enable");
        await SendAsync("Network.enable");
    }

    public async Task NavigateAsync(string url)
    {
        Loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await Loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Evaluates an expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var reply = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (reply["exceptionDetails"] is { } ex)
        {
            Assert.Fail($"evaluating {expression} threw: {ex.ToJsonString()}");
        }

        return reply["result"]?["value"]?.DeepClone();
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        var reply = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        return Convert.FromBase64String((string)reply["data"]!);
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (reply["error"] is { } error)
        {
            Assert.Fail($"{method} failed: {error.ToJsonString()}");
        }

        return reply["result"]?.AsObject() ?? new JsonObject();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage)
                {
                    continue;
                }

                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                Dispatch(json);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }
    }

    private void Dispatch(JsonObject json)
    {
        if (json["id"] is { } idNode && _pending.TryRemove(idNode.GetValue<int>(), out var tcs))
        {
            tcs.TrySetResult(json);
            return;
        }

        var p = json["params"];
        switch ((string?)json["method"])
        {
            case "Page.loadEventFired":
                Loaded.TrySetResult();
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue("exception: " + p?["exceptionDetails"]?.ToJsonString());
                break;
            case "Runtime.consoleAPICalled" when Text(p?["type"]) is "error" or "assert":
                Errors.Enqueue("console: " + p?["args"]?.ToJsonString());
                break;
            case "Log.entryAdded" when Text(p?["entry"]?["level"]) == "error":
                Errors.Enqueue("log: " + p?["entry"]?.ToJsonString());
                break;
            case "Network.requestWillBeSent":
                Requests.Enqueue((string?)p?["request"]?["url"] ?? string.Empty);
                break;
            default:
                break;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Already gone.
        }

        _socket.Dispose();
        if (_reader is not null)
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (!_process.HasExited)
        {
            // Our own process and the helpers it forked, by PID.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still hold a file for a moment; the temp dir is cleaned by the OS.
        }
    }
}
