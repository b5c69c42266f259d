using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Orchestrator.Testing.Simulator;

/// <summary>
/// A running freeswitch simulator on a conf dir built for the test: in the root namespace on its own 127.x address, or in a
/// simt- namespace. Stopped (SIGTERM, then SIGKILL) and its files removed on dispose.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private SimulatorProcess(Process process, string root, string ip, TestNamespace? ns)
    {
        _process = process;
        Root = root;
        Ip = ip;
        Namespace = ns;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Root { get; }

    public string ConfDir => Path.Combine(Root, "conf");

    public string LogFile => Path.Combine(Root, "log", "freeswitch.log");

    public string PidFile => Path.Combine(Root, "run", "freeswitch.pid");

    /// <summary>local_ip_v4, the profiles' and the event socket's address.</summary>
    public string Ip { get; }

    public TestNamespace? Namespace { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;

    /// <summary>Copies vanilla to a temp dir, lets the test edit it, and starts the simulator on it.</summary>
    public static async Task<SimulatorProcess> StartAsync(Action<ConfTree>? edit = null, TestNamespace? ns = null, string? ip = null, IEnumerable<string>? extraArgs = null, bool waitForPid = true)
    {
        ip ??= ns is null ? LoopbackAddresses.Next() : "127.0.0.1";
        var root = Path.Combine(Path.GetTempPath(), "simt-" + Guid.NewGuid().ToString("N")[..10]);
        var conf = new ConfTree(Path.Combine(root, "conf"));
        conf.CopyFrom(RepoPaths.VanillaFreeSwitchConf);
        if (ns is null)
        {
            // In the shared namespace: the event socket on our own address, and no IPv6 profiles fighting over [::1]:5060.
            conf.SetParam("autoload_configs/event_socket.conf.xml", "listen-ip", ip);
            conf.Delete("sip_profiles/internal-ipv6.xml");
            conf.Delete("sip_profiles/external-ipv6.xml");
        }

        edit?.Invoke(conf);
        var args = new List<string> { "-nf", "-nonat", "-conf", conf.Dir, "-log", Path.Combine(root, "log"), "-run", Path.Combine(root, "run"), "-var", $"local_ip_v4={ip}" };
        args.AddRange(extraArgs ?? []);
        var info = ns is null ? new ProcessStartInfo(SimulatorPaths.FreeSwitchExe) : new ProcessStartInfo("ip");
        if (ns is not null)
        {
            foreach (var a in new[] { "netns", "exec", ns.Name, SimulatorPaths.FreeSwitchExe })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the simulator");
        var sim = new SimulatorProcess(process, root, ip, ns);
        if (waitForPid)
        {
            await sim.WaitForPidFileAsync();
        }

        return sim;
    }

    public async Task WaitForPidFileAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(PidFile))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"freeswitch exited with {_process.ExitCode} before writing its pid file: {StdErr}");
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"freeswitch wrote no pid file within 30 s: {StdErr}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Runs fs_cli -x (inside the namespace when there is one).</summary>
    public Task<ProcessResult> FsCliAsync(string command, params string[] options)
    {
        string[] cli = [SimulatorPaths.FsCliExe, "-H", Ip, .. options, "-x", command];
        return Namespace is null ? ProcessRunner.RunAsync(cli[0], cli[1..], timeout: TimeSpan.FromSeconds(30)) : Namespace.ExecAsync(cli);
    }

    /// <summary>The api body, through a raw event socket connection (root namespace only).</summary>
    public async Task<string> ApiAsync(string command)
    {
        using var esl = await EslConnection.OpenAsync(Ip, 8021);
        await esl.ReadAsync();
        await esl.SendAsync("auth ClueCon\n\n");
        var auth = await esl.ReadAsync();
        Assert.Equal("Content-Type: command/reply\nReply-Text: +OK accepted\n\n", auth);
        await esl.SendAsync($"api {command}\nconsole_execute: true\n\n");
        var reply = await esl.ReadAsync();
        var body = reply[(reply.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        return body;
    }

    /// <summary>Lines of ss -uanp (in the namespace when there is one) owned by this process.</summary>
    public async Task<List<string>> UdpSocketsAsync()
    {
        var result = Namespace is null ? await ProcessRunner.RunAsync("ss", "-uanp") : await Namespace.ExecAsync("ss", "-uanp");
        var pid = Namespace is null ? Pid : FindPid();
        return [.. result.Stdout.Split('\n').Where(l => l.Contains($"pid={pid},", StringComparison.Ordinal))];
    }

    /// <summary>ESTAB lines of this process whose peer is the capture server.</summary>
    public async Task<List<(string Local, string Line)>> CaptureSocketsAsync(string peer)
    {
        var lines = await UdpSocketsAsync();
        return [.. lines.Where(l => l.StartsWith("ESTAB", StringComparison.Ordinal) && l.Contains(" " + peer + " ", StringComparison.Ordinal) && l.Contains("\"freeswitch\"", StringComparison.Ordinal))
            .Select(l => (l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], l))];
    }

    /// <summary>Polls until <paramref name="condition"/> holds (the capture change is asynchronous).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        T value = await probe();
        while (!condition(value))
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail($"{what} did not happen within 10 s; last value: {value}");
            }

            await Task.Delay(50);
            value = await probe();
        }

        return value;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                var pid = Namespace is null ? _process.Id : FindPid();
                if (pid > 0)
                {
                    await ProcessRunner.RunAsync("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture));
                }

                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The simulator's own pid (under ip netns exec, the child of the ip process we started; ip execs, so usually the same).</summary>
    private int FindPid() => File.Exists(PidFile) ? int.Parse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture) : _process.Id;
}
