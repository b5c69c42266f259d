using System.Globalization;
using System.Net;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>Everything <c>freeswitch_facts</c> learns about one host, from its configuration and from the running system.</summary>
public sealed class FreeSwitchHostFacts
{
    public required string Host { get; init; }

    public string? Hostname { get; init; }

    public required string ConfDir { get; init; }

    /// <summary>The effective configuration, or null when it could not be read (<see cref="ConfigError"/> says why).</summary>
    public EffectiveSettings? Config { get; init; }

    public string? ConfigError { get; init; }

    /// <summary>The configuration's credentials worth redacting in any text (<see cref="Configuration.ConfigSecrets.Searchable"/>); never printed.</summary>
    public IReadOnlyList<Core.Secrets.Secret> ConfigCredentials { get; init; } = [];

    /// <summary>The whole parsed configuration, when <see cref="FreeSwitchFactsOptions.KeepConfiguration"/> asked for it.</summary>
    public global::FreeSwitch.Config.FreeSwitchConfiguration? Configuration { get; init; }

    /// <summary>Runtime variables the configuration was read with (local_ip_v4, hostname, ...).</summary>
    public IReadOnlyDictionary<string, string> RuntimeVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>Modification times (Unix seconds) of the configuration files, by host path.</summary>
    public IReadOnlyDictionary<string, double> FileModified { get; init; } = new Dictionary<string, double>();

    public bool Running => Pid is not null;

    public int? Pid { get; init; }

    public IReadOnlyList<int> Pids { get; init; } = [];

    /// <summary>When the running process started (Unix seconds), or null.</summary>
    public double? StartedAt { get; init; }

    public string? Version { get; init; }

    /// <summary>Why the event socket could not be used (connection, password, fs_cli missing), or null.</summary>
    public string? EslError { get; init; }

    public string? SofiaStatusText { get; init; }

    public IReadOnlyList<SofiaStatusRow> SofiaStatus { get; init; } = [];

    public IReadOnlyDictionary<string, SofiaProfileStatus> ProfileStatus { get; init; } = new Dictionary<string, SofiaProfileStatus>();

    /// <summary>"ss" or "proc".</summary>
    public string SocketSource { get; init; } = "ss";

    public IReadOnlyList<UdpSocket> Sockets { get; init; } = [];

    /// <summary>Addresses the capture server's host resolves to on this host (the peer capture sockets connect to).</summary>
    public IReadOnlyList<IPAddress> CaptureServerAddresses { get; init; } = [];

    public PortRange? EphemeralRange { get; init; }

    public PortSet ReservedPorts { get; init; } = PortSet.Empty;

    public BindErrorCount? BindErrors { get; init; }

    public long? ActiveCalls { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The sections of the facts script that could not be read, by section name, with why (the log is not readable, a
    /// sysctl did not parse, the event socket refused us). "Could not read" is not "nothing there": a check that relies
    /// on one of these cannot pass on it. In <see cref="ToPlain"/> as <c>unreadable</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> UnreadableSections { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Why whether FreeSWITCH runs is not known (no pgrep), or null: <see cref="Running"/> false is then not "stopped".</summary>
    public string? ProcessUnreadable => UnreadableSections.GetValueOrDefault(Sections.FactsSections.ProcessIds.Name);

    /// <summary>Why the running process's start time is not known, or null.</summary>
    public string? StartTimeUnreadable => UnreadableSections.GetValueOrDefault(Sections.FactsSections.ProcessStart.Name);

    /// <summary>
    /// Why FreeSWITCH's capture sockets are not known, or null when they are: the process, the socket table or the
    /// sockets' owners could not be read (FreeSWITCH's fds need root or its user), or the capture server's name could not
    /// be resolved on the host. <see cref="CaptureSockets"/> is then what could be seen, not necessarily all there is.
    /// </summary>
    public string? CaptureSocketsUnreadable
    {
        get
        {
            var names = Facts.SocketProbe.SocketSections.ToList();
            if (Config?.CaptureServer?.Host is { } host && !Addresses.TryParse(host, out _))
            {
                names.Add(Sections.FactsSections.Resolve.Name);
            }

            return names.Select(n => UnreadableSections.TryGetValue(n, out var why) ? $"{n}: {why}" : null).FirstOrDefault(r => r is not null);
        }
    }

    /// <summary>The capture sockets (facts §2): ESTAB, owned by freeswitch, peer = the capture server.</summary>
    public IReadOnlyList<UdpSocket> CaptureSockets => Sockets.Where(IsCaptureSocket).ToList();

    /// <summary>ESTAB, connected to the capture server's address and port (ownership by freeswitch is checked when the table is read).</summary>
    public bool IsCaptureSocket(UdpSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (Config?.CaptureServer is not { } server || !socket.IsConnected || socket.PeerPort != server.Port)
        {
            return false;
        }

        var peers = CaptureServerAddresses.Count > 0
            ? CaptureServerAddresses
            : Addresses.TryParse(server.Host, out var literal) ? [literal] : [];
        return peers.Any(p => Addresses.SameAddress(p, socket.PeerAddress!));
    }

    /// <summary>The RTP IPs of the running profiles (<c>sofia status profile</c>), or the configured ones when nothing is running.</summary>
    public IReadOnlyList<RtpAddress> RtpAddresses(bool? rtcpOverride = null)
    {
        var result = new List<RtpAddress>();
        var profiles = Config?.Profiles ?? [];
        foreach (var profile in profiles)
        {
            var rtcp = rtcpOverride ?? profile.Rtcp;
            IEnumerable<string> ips;
            if (ProfileStatus.TryGetValue(profile.Name, out var status) && status.RtpIps.Count > 0)
            {
                ips = status.RtpIps;
            }
            else if (Running && ProfileStatus.Count > 0)
            {
                // FreeSWITCH runs, and this profile is not among the running ones: it allocates nothing.
                continue;
            }
            else
            {
                ips = profile.RtpIps;
            }

            foreach (var ip in ips)
            {
                if (Addresses.TryParse(ip, out var a))
                {
                    result.Add(new RtpAddress(a, rtcp, profile.Name));
                }
            }
        }

        // Running profiles the configuration does not know (read from a different tree): take their RTP-IP rows.
        foreach (var (name, status) in ProfileStatus.Where(p => profiles.All(c => !string.Equals(c.Name, p.Key, StringComparison.OrdinalIgnoreCase))))
        {
            foreach (var ip in status.RtpIps)
            {
                if (Addresses.TryParse(ip, out var a))
                {
                    result.Add(new RtpAddress(a, rtcpOverride ?? false, name));
                }
            }
        }

        return result;
    }

    /// <summary>True when rtp-port-usage-robustness is on in the configuration and the running process started after its file last changed.</summary>
    public bool RobustnessInEffect => Config is { Robustness: true } c && StartedAfter(c.RobustnessFile);

    /// <summary>
    /// True when the file holding switch.conf's settings changed after the running process started: the RTP range
    /// and robustness in the file are not the ones in effect until a restart (facts §5).
    /// </summary>
    public bool SwitchConfigPendingRestart => Running && Config?.SwitchSettingsFile is { } f && !StartedAfter(f);

    public PlacementInput PlacementInput(bool? rtcpOverride = null)
    {
        var config = Config ?? throw new InvalidOperationException($"{Host}: the FreeSWITCH configuration could not be read: {ConfigError}");
        return new PlacementInput
        {
            RtpStartPort = config.RtpStartPort,
            RtpEndPort = config.RtpEndPort,
            RtpAddresses = RtpAddresses(rtcpOverride),
            CaptureSockets = CaptureSockets,
            EphemeralRange = EphemeralRange,
            ReservedPorts = ReservedPorts,
            RobustnessInEffect = RobustnessInEffect,
            CaptureSocketsUnreadable = CaptureSocketsUnreadable,
            ReservedPortsUnreadable = UnreadableSections.GetValueOrDefault(Sections.FactsSections.ReservedPorts.Name),
        };
    }

    /// <summary>The facts as plain data, the shape playbooks see under <c>ansible_facts.freeswitch</c>.</summary>
    public Dictionary<string, object?> ToPlain()
    {
        var result = Config?.ToPlain(includePassword: true) ?? new Dictionary<string, object?>(StringComparer.Ordinal) { ["conf_dir"] = ConfDir };
        result["config_error"] = ConfigError;
        result["host"] = Host;
        result["hostname"] = Hostname;
        result["running"] = Running;
        result["pid"] = Pid is { } pid ? (long)pid : null;
        result["started_at"] = StartedAt is { } s ? Math.Round(s, 3) : null;
        result["version"] = Version;
        result["esl_error"] = EslError;
        result["runtime_variables"] = RuntimeVariables.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);
        if (Config is { } config)
        {
            var robustness = (Dictionary<string, object?>)result["robustness"]!;
            robustness["in_effect"] = RobustnessInEffect;
            result["rtp_start_port"] = (long)config.RtpStartPort;
            result["rtp_end_port"] = (long)config.RtpEndPort;
            result["switch_config_pending_restart"] = SwitchConfigPendingRestart;
            foreach (var profile in (List<object?>)result["profiles"]!)
            {
                var p = (Dictionary<string, object?>)profile!;
                var status = ProfileStatus.GetValueOrDefault((string)p["name"]!);
                var row = SofiaStatus.FirstOrDefault(r => r.IsProfile && string.Equals(r.Name, (string)p["name"]!, StringComparison.OrdinalIgnoreCase));
                p["running"] = row?.IsRunning ?? false;
                p["state"] = row?.State;
                p["runtime_rtp_ips"] = status?.RtpIps.Select(i => (object?)i).ToList() ?? [];
                p["calls_in"] = status?.CallsIn;
                p["failed_calls_in"] = status?.FailedCallsIn;
                p["calls_out"] = status?.CallsOut;
                p["failed_calls_out"] = status?.FailedCallsOut;
            }
        }

        // Profiles that capture at start (sip-capture true) and run now: one capture socket each is expected.
        result["capture_profiles"] = (Config?.Profiles ?? [])
            .Where(p => p.SipCapture && SofiaStatus.Any(r => r.IsRunning && string.Equals(r.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(p => (object?)p.Name)
            .ToList();
        result["sofia_status"] = SofiaStatusText;
        result["sofia_profiles"] = SofiaStatus.Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = r.Name,
            ["type"] = r.Type,
            ["data"] = r.Data,
            ["state"] = r.State,
        }).ToList();
        result["socket_source"] = SocketSource;
        result["udp_sockets"] = Sockets.Select(SocketPlain).ToList();
        result["capture_sockets"] = CaptureSockets.Select(SocketPlain).ToList();
        result["capture_ports"] = CaptureSockets.Select(s => (object?)(long)s.LocalPort).ToList();
        result["ip_local_port_range"] = EphemeralRange is { } r ? r.ToString() : null;
        result["ip_local_reserved_ports"] = ReservedPorts.ToString();
        result["bind_errors"] = BindErrors is { } b
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["log_file"] = b.LogFile,
                ["readable"] = b.Readable,
                ["window_hours"] = Math.Round(b.Window.TotalHours, 3),
                ["since"] = b.Since,
                ["count"] = b.Rtp,
                ["rtcp_count"] = b.Rtcp,
                ["last"] = b.LastLine,
            }
            : null;
        result["calls"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["active"] = ActiveCalls };
        var warnings = (result.GetValueOrDefault("warnings") as List<object?>) ?? [];
        warnings.AddRange(Warnings.Select(w => (object?)w));
        result["warnings"] = warnings;
        result["unreadable"] = UnreadableSections.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);
        return result;
    }

    private static object? SocketPlain(UdpSocket s) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["state"] = s.State,
        ["local"] = s.Local,
        ["local_ip"] = Addresses.Normalize(s.LocalAddress).ToString(),
        ["local_port"] = (long)s.LocalPort,
        ["peer"] = s.Peer,
        ["pid"] = (long)s.Pid,
    };

    private bool StartedAfter(string? file)
    {
        if (!Running || StartedAt is not { } started || file is null)
        {
            return false;
        }

        // A file we have no time for (not fetched) cannot be shown to predate the process.
        return FileModified.TryGetValue(file, out var modified) && started > modified;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}: running={Running} conf={ConfDir}");
}
