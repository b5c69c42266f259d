using System.Net;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Shell;
using Orchestrator.Core.Transport;
using Orchestrator.Lab.Calls;
using Orchestrator.Lab.Capture;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.Scenarios;
using Orchestrator.Lab.Setup;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab;

/// <summary>
/// A running lab: its generated files and hosts. Tests drive the lab through this. A fleet returned by
/// <see cref="UpAsync"/> owns the lab and takes it down when disposed; one from <see cref="Open"/> only
/// attaches to it.
/// </summary>
public sealed class LabFleet : IAsyncDisposable
{
    private readonly LabState _state;
    private readonly LabLayout _layout;
    private readonly TimeProvider _time;
    private readonly bool _ownsLab;
    private int _disposed;

    private LabFleet(LabState state, TimeProvider time, bool ownsLab)
    {
        _state = state;
        _layout = new LabLayout(state.Directory);
        _time = time;
        _ownsLab = ownsLab;
        Hosts = state.Hosts.Select(ToLabHost).ToList();
        Homer = ToLabHost(state.Homer!);
    }

    public string Name => _state.Name;

    public string Directory => _state.Directory;

    /// <summary>The Ansible-compatible YAML inventory the lab wrote.</summary>
    public string InventoryPath => _layout.Inventory;

    public string KnownHostsPath => _layout.KnownHosts;

    public string ClientPrivateKeyPath => _layout.ClientKey;

    public string ClientPublicKeyPath => _layout.ClientPublicKey;

    /// <summary>The FreeSWITCH hosts (not homer).</summary>
    public IReadOnlyList<LabHost> Hosts { get; }

    public LabHost Homer { get; }

    /// <summary>The user the inventory logs in as; its sudo needs no password. Root can log in with the same key.</summary>
    public string LoginUser => _state.LoginUser;

    /// <summary>A second user (same key, or <see cref="SudoPassword"/> for password authentication) whose sudo asks for <see cref="SudoPassword"/>.</summary>
    public string PasswordUser => _state.PasswordUser;

    /// <summary>The password of <see cref="PasswordUser"/>, for SSH password authentication and sudo. Kept in DIR/sudo-password (mode 0600).</summary>
    public Secret SudoPassword => new(File.ReadAllText(_layout.SudoPasswordFile).TrimEnd('\n'));

    /// <summary>The controller's address on the lab network (the bridge): where tools on this machine reach the hosts from.</summary>
    public IPAddress ControllerAddress => IPAddress.Parse(_state.ControllerAddress!);

    /// <summary>The lab network, e.g. 10.241.7.0/24.</summary>
    public string Subnet => _state.Subnet!;

    /// <summary>The scenario knobs the lab was brought up with.</summary>
    public ScenarioSettings Settings => _state.Scenario!;

    internal LabState State => _state;

    internal LabLayout Layout => _layout;

    /// <summary>Brings a lab up. Needs root; without it, a clear <c>UserInputException</c>.</summary>
    public static Task<LabFleet> UpAsync(LabOptions options, CancellationToken cancellationToken) =>
        UpAsync(options, TimeProvider.System, cancellationToken);

    internal static async Task<LabFleet> UpAsync(LabOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LabBuilder.UpAsync(options, time, cancellationToken);
        return new LabFleet(state, time, ownsLab: true);
    }

    /// <summary>Attaches to a lab that is up, from the state recorded in its directory.</summary>
    public static LabFleet Open(string directory)
    {
        // Reading the hosts' processes and logs needs root as much as creating them did.
        RootCheck.EnsureRoot("status | calls | hep");
        var dir = Path.GetFullPath(directory);
        var state = LabState.TryLoad(dir)
            ?? throw new UserInputException($"no lab in {dir}: {LabState.FileName} not found (bring one up with `orchestrator lab up --dir {directory}`)");
        if (state.Homer is null || !File.Exists(HostNamespaces.NetnsPath(state.Homer)))
        {
            throw new UserInputException($"the lab in {dir} is not running (its namespaces are gone); run `orchestrator lab down --dir {directory}` to clean up, then `lab up`");
        }

        return new LabFleet(state, TimeProvider.System, ownsLab: false);
    }

    /// <summary>Stops everything the lab started (by PID) and removes namespaces, veths and mounts. Idempotent.</summary>
    public static Task DownAsync(string directory, CancellationToken cancellationToken)
    {
        RootCheck.EnsureRoot("down");
        return LabTeardown.DownAsync(Path.GetFullPath(directory), TimeProvider.System, cancellationToken);
    }

    /// <summary>Runs a shell command as root directly inside a host's namespaces (not through SSH): for tests and the lab itself.</summary>
    public Task<CommandResult> ExecInHostAsync(string host, string command, CancellationToken cancellationToken) =>
        HostNamespaces.ExecAsync(Find(host), command, cancellationToken);

    /// <summary>As <see cref="ExecInHostAsync(string, string, CancellationToken)"/>, with data on the command's standard input.</summary>
    public Task<CommandResult> ExecInHostAsync(string host, string command, string stdin, CancellationToken cancellationToken) =>
        HostNamespaces.ExecAsync(Find(host), command, cancellationToken, stdin);

    public async Task StopSshdAsync(string host, CancellationToken cancellationToken)
    {
        var h = FindFreeSwitchHost(host);
        var pidFile = Path.Combine(_layout.HostRun(h.Name), "sshd.pid");
        if (!File.Exists(pidFile) || !int.TryParse(await File.ReadAllTextAsync(pidFile, cancellationToken), out var pid))
        {
            return;
        }

        NativeMethods.Kill(pid, NativeMethods.SigTerm);
        if ((await Procfs.WaitForExitAsync([pid], TimeSpan.FromSeconds(5), _time, cancellationToken)).Count > 0)
        {
            NativeMethods.Kill(pid, NativeMethods.SigKill);
            await Procfs.WaitForExitAsync([pid], TimeSpan.FromSeconds(5), _time, cancellationToken);
        }

        File.Delete(pidFile);
    }

    /// <summary>Starts (or restarts) a host's sshd, optionally with extra sshd_config lines (e.g. an AllowUsers restriction).</summary>
    public async Task StartSshdAsync(string host, IReadOnlyList<string>? extraConfigLines, CancellationToken cancellationToken)
    {
        var h = FindFreeSwitchHost(host);
        await StopSshdAsync(host, cancellationToken);
        var write = await HostNamespaces.ExecAsync(h, $"cat > {SshdConfig.Path}.tmp && mv {SshdConfig.Path}.tmp {SshdConfig.Path}", cancellationToken, SshdConfig.Compose(extraConfigLines));
        if (!write.Succeeded)
        {
            throw new LabException($"writing sshd_config on {host}: {write.Stderr.Trim()}");
        }

        await LabBuilder.StartSshdAsync(h, cancellationToken);
        await LabBuilder.WaitForSshAsync(h, _time, cancellationToken);
    }

    /// <summary>Every host (homer last) with the processes running in its namespaces and their resident memory.</summary>
    public async Task<LabStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var all = _state.Hosts.Append(_state.Homer!).ToList();
        var processes = await LabProcesses.FindAsync(all, cancellationToken);
        var hosts = all.Select(h => new LabHostStatus(
                h.Name,
                IPAddress.Parse(h.Address),
                h.Namespace,
                processes.Where(p => p.Host == h.Name).OrderBy(p => p.Pid).Select(p => new LabProcessInfo(p.Pid, p.Command, p.RssKiB)).ToList()))
            .ToList();
        return new LabStatus(Name, Directory, Subnet, Settings.Scenario, hosts);
    }

    /// <summary>The capture-server value every host's sofia.conf.xml has (default <c>udp:HOMER:9060</c>).</summary>
    public string CaptureServer => _state.CaptureServer ?? "";

    /// <summary>Where the capture server receives, when its value is an address (or a lab host name) and a port.</summary>
    public IPEndPoint? CaptureEndpoint => LabBuilder.CaptureEndpoint(_state);

    /// <summary>sngrep's pcap on homer (what a real HEP receiver accepted).</summary>
    public string HomerPcapPath => HomerServices.PcapPath(_layout);

    /// <summary>The lab HEP listener's counters file on homer (JSON, <see cref="Hep.HepCounters"/>).</summary>
    public string HepCountersPath => HomerServices.CountersPath(_layout);

    /// <summary>A host's /var/log/freeswitch/freeswitch.log, readable from outside while the lab runs.</summary>
    public string FreeSwitchLogPath(string host) => _layout.FreeSwitchLog(FindFreeSwitchHost(host).Name);

    /// <summary>
    /// Real SIP calls with sipp's built-in uac scenario at the host's internal profile (port 5060), at
    /// <paramref name="rate"/> calls per second; sipp's counts and the new bind errors in the host's log.
    /// </summary>
    public Task<LabCallResult> RunCallsAsync(string host, int count, double rate, CancellationToken cancellationToken)
    {
        if (count < 1)
        {
            throw new UserInputException($"--count {count}: expected at least 1 call");
        }

        if (!(rate > 0))
        {
            throw new UserInputException($"--rate {rate}: expected a positive number of calls per second");
        }

        return SippRunner.RunAsync(_state, _layout, FindFreeSwitchHost(host), count, rate, _time, cancellationToken);
    }

    /// <summary>The host's capture sockets now: ESTAB UDP sockets of freeswitch connected to the capture server (from ss).</summary>
    public Task<IReadOnlyList<CaptureSocket>> GetCaptureSocketsAsync(string host, CancellationToken cancellationToken) =>
        FreeSwitchService.CaptureSocketsAsync(FindFreeSwitchHost(host), RequireCaptureEndpoint(), cancellationToken);

    /// <summary>Waits (capture changes are asynchronous) until the host has exactly <paramref name="count"/> capture sockets.</summary>
    public Task<IReadOnlyList<CaptureSocket>> WaitForCaptureSocketsAsync(string host, int count, CancellationToken cancellationToken) =>
        FreeSwitchService.WaitForCaptureSocketsAsync(_layout, FindFreeSwitchHost(host), RequireCaptureEndpoint(), count, _time, cancellationToken);

    /// <summary>
    /// Toggles capture off/on on the internal and external profiles until at least one capture socket is an
    /// even port inside the host's RTP range (<paramref name="rtpStart"/>-<paramref name="rtpEnd"/>, default the
    /// lab's), as the collide scenario does at start.
    /// </summary>
    public Task<IReadOnlyList<CaptureSocket>> ForceCaptureCollisionAsync(string host, CancellationToken cancellationToken, int? rtpStart = null, int? rtpEnd = null) =>
        FreeSwitchService.ForceCollisionAsync(
            _layout,
            FindFreeSwitchHost(host), RequireCaptureEndpoint(), rtpStart ?? Settings.EffectiveRtpStart, rtpEnd ?? Settings.EffectiveRtpEnd, _time, cancellationToken);

    /// <summary>Runs <c>fs_cli -x COMMAND</c> inside the host (as root, not through SSH).</summary>
    public Task<CommandResult> FsCliAsync(string host, string command, CancellationToken cancellationToken) =>
        HostNamespaces.ExecAsync(FindFreeSwitchHost(host), $"fs_cli -x {ShellQuote.Quote(command)}", cancellationToken);

    /// <summary>What homer's HEP listener has counted so far, per host and capture source port.</summary>
    public LabHepReport GetHepReport() => LabHepReport.From(_state, Hep.HepCounters.TryLoad(HepCountersPath), HomerPcapPath);

    /// <summary>The host (or homer) with this name.</summary>
    public LabHost GetHost(string name) => ToLabHost(Find(name));

    public async ValueTask DisposeAsync()
    {
        if (_ownsLab && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await LabTeardown.DownAsync(_state.Directory, _time, CancellationToken.None);
        }
    }

    internal HostState Find(string name) =>
        name == LabNames.HomerName
            ? _state.Homer!
            : _state.Hosts.FirstOrDefault(h => h.Name == name)
              ?? throw new UserInputException($"no host '{name}' in lab '{Name}': expected one of {string.Join(", ", _state.Hosts.Select(h => h.Name))} or homer");

    private IPEndPoint RequireCaptureEndpoint() =>
        CaptureEndpoint ?? throw new UserInputException($"the lab's capture-server '{CaptureServer}' is not udp:ADDRESS:PORT, so it has no capture sockets to look for");

    private HostState FindFreeSwitchHost(string name) =>
        name == LabNames.HomerName ? throw new UserInputException("homer runs no sshd; expected a FreeSWITCH host") : Find(name);

    private static LabHost ToLabHost(HostState h) => new(h.Name, IPAddress.Parse(h.Address), h.Namespace);
}
