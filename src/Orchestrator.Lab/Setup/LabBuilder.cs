using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.Scenarios;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Setup;

/// <summary><c>lab up</c>: network, namespaces, users, sshd per host, generated files.</summary>
internal static class LabBuilder
{
    public const int MaxHosts = 200;

    public static async Task<LabState> UpAsync(LabOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        RootCheck.EnsureRoot("up");
        var names = new LabNames(options.Name);
        if (options.Hosts is < 1 or > MaxHosts)
        {
            throw new UserInputException($"--hosts {options.Hosts}: expected 1 to {MaxHosts}");
        }

        var settings = ScenarioSettings.Resolve(options);
        var dir = Path.GetFullPath(options.Directory);
        ValidateDirectory(dir);
        Tools.EnsureAvailable(("sngrep", "sngrep"), ("ss", "iproute2"));
        var programs = LabPrograms.Locate();

        if (LabState.TryLoad(dir) is { } previous)
        {
            if (previous.Homer is { } h && File.Exists(HostNamespaces.NetnsPath(h)))
            {
                throw new UserInputException($"a lab ('{previous.Name}') is already up in {dir}; run `orchestrator lab down --dir {dir}` first");
            }

            // What a crashed lab left behind.
            await LabTeardown.DownAsync(dir, time, cancellationToken);
        }

        var layout = new LabLayout(dir);
        LabState state;
        using (await GlobalLock.AcquireAsync(time, TimeSpan.FromSeconds(60), cancellationToken))
        {
            var homerNamespace = names.Namespace(LabNames.HomerName);
            if (File.Exists($"/run/netns/{homerNamespace}"))
            {
                var where = Registry.Find(names.LabName);
                throw new UserInputException(
                    $"a lab named '{names.LabName}' is already up" + (where is null ? "" : $" in {where}") +
                    $"; choose another --name or run `orchestrator lab down --dir {where ?? "DIR"}`");
            }

            Directory.CreateDirectory(dir);
            var subnet = SubnetAllocator.Choose(names.LabName, await SubnetAllocator.ReadInUseAsync(cancellationToken));
            state = Plan(names, options.Hosts, subnet, dir, layout, settings, time);
            state.Save();
            Registry.Add(names.LabName, dir);
            await CreateNetworkAsync(state, cancellationToken);
        }

        try
        {
            await BuildAsync(state, layout, settings, programs, options.Progress, time, cancellationToken);
            if (options.FailAfterHostSetupForTests)
            {
                throw new LabException("lab up: failure injected by a test after the hosts were set up");
            }

            return state;
        }
        catch
        {
            await LabTeardown.DownAsync(dir, time, CancellationToken.None);
            throw;
        }
    }

    private static void ValidateDirectory(string dir)
    {
        // The directory ends up in overlay mount options, where ',' and ':' are separators.
        if (dir.Any(c => c is ',' or ':' or '\\' or '\'' or '"' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new UserInputException($"lab directory '{dir}': expected a path without spaces, quotes, ',' ':' or '\\' (it is used in mount options)");
        }

        foreach (var hidden in new[] { "/etc", "/home", "/root", "/var/log", "/run", "/usr/local/bin", "/usr/local/sbin" })
        {
            if (dir == hidden || dir.StartsWith(hidden + "/", StringComparison.Ordinal))
            {
                throw new UserInputException($"lab directory '{dir}': it cannot be under {hidden}, which every lab host replaces with its own");
            }
        }
    }

    private static LabState Plan(LabNames names, int hostCount, Ipv4Prefix subnet, string dir, LabLayout layout, ScenarioSettings settings, TimeProvider time)
    {
        HostState Host(string name, uint hostPart, bool withMountNamespace) => new()
        {
            Name = name,
            Address = subnet.Address(hostPart).ToString(),
            Namespace = names.Namespace(name),
            Veth = names.Veth(name),
            MountNamespaceFile = withMountNamespace ? layout.MountNamespaceFile(name) : null,
            UtsNamespaceFile = withMountNamespace ? layout.UtsNamespaceFile(name) : null,
        };

        return new LabState
        {
            Name = names.LabName,
            Directory = dir,
            InterfacePrefix = names.InterfacePrefix,
            Subnet = subnet.ToString(),
            Bridge = names.Bridge,
            ControllerAddress = subnet.Address(1).ToString(),
            Homer = Host(LabNames.HomerName, 2, withMountNamespace: false),
            Hosts = Enumerable.Range(1, hostCount).Select(i => Host(LabNames.HostName(i), 9 + (uint)i, withMountNamespace: true)).ToList(),
            Scenario = settings,
            CreatedAt = time.GetUtcNow(),
        };
    }

    /// <summary>The bridge on the controller side, a namespace per host, and a veth from each into the bridge: one `ip -batch`.</summary>
    private static async Task CreateNetworkAsync(LabState state, CancellationToken cancellationToken)
    {
        var b = new StringBuilder();
        var prefixLength = state.Subnet!.Split('/')[1];
        b.Append($"link add {state.Bridge} type bridge\n");
        b.Append($"addr add {state.ControllerAddress}/{prefixLength} dev {state.Bridge}\n");
        b.Append($"link set {state.Bridge} up\n");
        foreach (var h in state.Hosts.Prepend(state.Homer!))
        {
            b.Append($"netns add {h.Namespace}\n");
            b.Append($"link add {h.Veth} type veth peer name eth0 netns {h.Namespace}\n");
            b.Append($"link set {h.Veth} master {state.Bridge}\n");
            b.Append($"link set {h.Veth} up\n");
        }

        (await ProcessRunner.RunAsync("ip", ["-batch", "-"], cancellationToken, stdin: b.ToString())).EnsureSuccess("creating the lab network (ip -batch)");
    }

    private static async Task BuildAsync(LabState state, LabLayout layout, ScenarioSettings settings, string programs, IProgress<string>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var began = time.GetTimestamp();
        void Step(string what) => progress?.Report($"{time.GetElapsedTime(began).TotalSeconds,5:0.0} s  {what}");
        Step("keys and the common layer");
        (await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"orchestrator-lab-{state.Name}", "-f", layout.ClientKey], cancellationToken))
            .EnsureSuccess("ssh-keygen (client key)");

        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
        // Created empty and restricted first, so the password is never in a readable file.
        await File.WriteAllBytesAsync(layout.SudoPasswordFile, [], cancellationToken);
        NativeMethods.ChmodOrThrow(layout.SudoPasswordFile, "0600");
        await File.WriteAllTextAsync(layout.SudoPasswordFile, password + "\n", cancellationToken);

        var users = LabUsers.Choose(await File.ReadAllTextAsync("/etc/passwd", cancellationToken), await File.ReadAllTextAsync("/etc/group", cancellationToken));
        state.LoginUser = users.Login;
        state.PasswordUser = users.PasswordUser;
        state.Save();
        await CommonLayer.WriteAsync(layout, state, users, await File.ReadAllTextAsync(layout.ClientPublicKey, cancellationToken), password, cancellationToken);
        BinLayer.Write(layout, programs);
        var confDir = Path.Combine(layout.CommonEtc, "freeswitch");
        state.CaptureServer = settings.CaptureServer ?? FreeSwitchConfigWriter.DefaultCaptureServer(state.Homer!.Address);
        state.Save();
        FreeSwitchConfigWriter.WriteVanilla(confDir);
        FreeSwitchConfigWriter.ApplyScenario(confDir, settings, state.CaptureServer);
        FreeSwitchConfigWriter.Verify(confDir, settings, state.CaptureServer, state.Hosts[0].Address);
        var sysctlDir = Path.Combine(layout.CommonEtc, "sysctl.d");
        Directory.CreateDirectory(sysctlDir);
        await File.WriteAllTextAsync(Path.Combine(sysctlDir, "90-orchestrator-lab.conf"), HostNamespaces.SysctlConf(settings), cancellationToken);

        // The nsfs files that keep each host's mount namespace alive must sit on a private mount.
        Directory.CreateDirectory(layout.NamespaceDir);
        (await ProcessRunner.RunAsync("mount", ["--bind", layout.NamespaceDir, layout.NamespaceDir], cancellationToken)).EnsureSuccess("mount --bind ns");
        (await ProcessRunner.RunAsync("mount", ["--make-private", layout.NamespaceDir], cancellationToken)).EnsureSuccess("mount --make-private ns");

        using var gate = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount * 2));
        async Task Throttled(Func<Task> work)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await work();
            }
            finally
            {
                gate.Release();
            }
        }

        // homer first, so the capture sockets have a receiver from the moment FreeSWITCH opens them.
        Step("homer: HEP listener and sngrep");
        await SetUpAddressAsync(state.Homer!, state, cancellationToken);
        await HomerServices.StartAsync(state, layout, time, cancellationToken);

        Step($"namespaces, mounts, sshd and freeswitch on {state.Hosts.Count} hosts");
        await Task.WhenAll(state.Hosts.Select(h => Throttled(() => SetUpHostAsync(h, state, layout, settings, cancellationToken))));

        await WriteKnownHostsAsync(state, layout, cancellationToken);
        await File.WriteAllTextAsync(layout.Inventory, InventoryWriter.Write(state, layout), cancellationToken);
        await Task.WhenAll(state.Hosts.Select(h => WaitForSshAsync(h, time, cancellationToken)));

        if (settings.Capture && CaptureEndpoint(state) is { } capture)
        {
            Step(settings.ForceCollision ? "capture off/on until a capture port collides with the RTP range" : "waiting for the capture sockets");
            await Task.WhenAll(state.Hosts.Select(h => Throttled(() => settings.ForceCollision
                ? FreeSwitchService.ForceCollisionAsync(layout, h, capture, settings.EffectiveRtpStart, settings.EffectiveRtpEnd, time, cancellationToken)
                : FreeSwitchService.WaitForCaptureSocketsAsync(layout, h, capture, 2, time, cancellationToken))));
        }

        Step("ready");
    }

    /// <summary>The capture server as an address and port, when its value parses and names an address (or a lab host).</summary>
    public static IPEndPoint? CaptureEndpoint(LabState state)
    {
        if (!global::FreeSwitch.Config.Model.CaptureServer.TryParse(state.CaptureServer, out var server, out _) || server is null)
        {
            return null;
        }

        var host = server.Host.Trim('[', ']');
        var named = state.Hosts.Append(state.Homer!).FirstOrDefault(h => h.Name == host);
        var address = IPAddress.TryParse(host, out var ip) ? ip : named is null ? null : IPAddress.Parse(named.Address);
        return address is null ? null : new IPEndPoint(address, server.Port);
    }

    private static async Task SetUpAddressAsync(HostState host, LabState state, CancellationToken cancellationToken)
    {
        var prefixLength = state.Subnet!.Split('/')[1];
        var batch = $"addr add {host.Address}/{prefixLength} dev eth0\nlink set eth0 up\nlink set lo up\n";
        (await ProcessRunner.RunAsync("ip", ["-n", host.Namespace, "-batch", "-"], cancellationToken, stdin: batch))
            .EnsureSuccess($"addressing {host.Name}");
    }

    private static async Task SetUpHostAsync(HostState host, LabState state, LabLayout layout, ScenarioSettings settings, CancellationToken cancellationToken)
    {
        var h = layout.Host(host.Name);
        foreach (var sub in new[] { "etc", "etc.work", "home", "home.work", "root", "root.work", "log", "run", "run/sshd", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(h, sub));
        }

        NativeMethods.ChmodOrThrow(Path.Combine(h, "root"), "0700");
        NativeMethods.ChmodOrThrow(layout.HostTmp(host.Name), "1777");
        var ssh = Path.Combine(layout.HostEtc(host.Name), "ssh");
        Directory.CreateDirectory(ssh);
        await File.WriteAllTextAsync(Path.Combine(layout.HostEtc(host.Name), "hostname"), host.Name + "\n", cancellationToken);
        (await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"root@{host.Name}", "-f", Path.Combine(ssh, "ssh_host_ed25519_key")], cancellationToken))
            .EnsureSuccess($"ssh-keygen (host key of {host.Name})");

        await SetUpAddressAsync(host, state, cancellationToken);

        foreach (var file in new[] { host.MountNamespaceFile!, host.UtsNamespaceFile! })
        {
            await File.WriteAllBytesAsync(file, [], cancellationToken);
        }

        // One process per host does it all inside the new namespaces: mounts, sysctls, sshd, then FreeSWITCH.
        var script = HostNamespaces.MountScript(layout, host, settings) + SshdStartCommand + "\nsystemctl start freeswitch\n";
        (await ProcessRunner.RunAsync(
                "nsenter",
                [$"--net={HostNamespaces.NetnsPath(host)}", "--", "unshare", $"--mount={host.MountNamespaceFile}", $"--uts={host.UtsNamespaceFile}",
                    "--propagation", "private", "--", "/bin/sh", "-c", script],
                cancellationToken,
                timeout: TimeSpan.FromSeconds(90)))
            .EnsureSuccess($"setting up {host.Name} (mounts, sshd, freeswitch)");
    }

    /// <summary>Checks the configuration, then starts sshd, which daemonises and writes /run/sshd.pid, logging to /var/log/sshd.log.</summary>
    private const string SshdStartCommand = $"/usr/sbin/sshd -t -f {SshdConfig.Path} && /usr/sbin/sshd -f {SshdConfig.Path} -E {SshdConfig.LogFile}";

    public static async Task StartSshdAsync(HostState host, CancellationToken cancellationToken)
    {
        var start = await HostNamespaces.ExecAsync(host, SshdStartCommand, cancellationToken);
        if (!start.Succeeded)
        {
            throw new LabException($"sshd on {host.Name} did not start: {start.Stderr.Trim()}");
        }
    }

    public static async Task WaitForSshAsync(HostState host, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var endpoint = new IPEndPoint(IPAddress.Parse(host.Address), 22);
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await socket.ConnectAsync(endpoint, attempt.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (time.GetElapsedTime(started) > TimeSpan.FromSeconds(20))
                {
                    throw new LabException($"sshd on {host.Name} ({endpoint}) does not accept connections after 20 s: {ex.Message}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }
        }
    }

    private static async Task WriteKnownHostsAsync(LabState state, LabLayout layout, CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        foreach (var h in state.Hosts)
        {
            var pub = (await File.ReadAllTextAsync(Path.Combine(layout.HostEtc(h.Name), "ssh", "ssh_host_ed25519_key.pub"), cancellationToken)).Split(' ');
            sb.Append(h.Address).Append(' ').Append(pub[0]).Append(' ').Append(pub[1].Trim()).Append('\n');
        }

        await File.WriteAllTextAsync(layout.KnownHosts, sb.ToString(), cancellationToken);
    }
}
