using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

/// <summary>
/// <c>capture_enabled</c>: capture is live exactly when the configuration says so. Each running profile with
/// <c>sip-capture</c> true must have its capture socket; with none configured there must be none. With
/// <c>expected</c>, the configuration itself must also say that for the checked profiles.
/// </summary>
internal sealed class CaptureEnabledCheck(bool? expected, IReadOnlyList<string>? profiles) : Check
{
    public const string Name = "capture_enabled";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "Capture is on exactly where the configuration says (sip-capture per profile vs. the live capture sockets).",
        [
            new("expected", ParamKind.Bool, false, "Also require sip-capture to be this value on the checked profiles."),
            new("profiles", ParamKind.StringList, false, "Profiles to check; default: every configured profile."),
        ],
        a => new CaptureEnabledCheck(a.Bool("expected"), a.StringList("profiles")));

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts) is { } noConfig)
        {
            return noConfig;
        }

        var sofia = facts.Configuration!.Sofia;
        var evidence = new Dictionary<string, object?>();
        var configured = new Dictionary<string, object?>(StringComparer.Ordinal);
        var selected = new List<FreeSwitch.Config.Model.SipProfileSettings>();
        var missing = new List<string>();
        foreach (var name in profiles ?? sofia.Profiles.Where(p => p.HasSettings).Select(p => p.Name))
        {
            var profile = sofia.GetProfile(name);
            if (profile is null)
            {
                missing.Add(name);
                continue;
            }

            selected.Add(profile);
            configured[profile.Name] = profile.SipCapture;
        }

        evidence["sip_capture"] = configured;
        if (missing.Count > 0)
        {
            evidence["missing_profiles"] = missing.Cast<object?>().ToList();
            return CheckOutcome.Fail($"profile(s) not configured: {string.Join(", ", missing)}", evidence);
        }

        if (expected is { } want)
        {
            evidence["expected"] = want;
            var wrong = selected.Where(p => p.SipCapture != want).Select(p => p.Name).ToList();
            if (wrong.Count > 0)
            {
                return CheckOutcome.Fail($"sip-capture is {(want ? "off" : "on")} on {string.Join(", ", wrong)}; expected {(want ? "on" : "off")}", evidence);
            }
        }

        if (FactGuards.NeedRunning(facts) is { } notRunning)
        {
            notRunning.Evidence["sip_capture"] = configured;
            return notRunning;
        }

        var running = new HashSet<string>(facts.RunningProfiles, StringComparer.OrdinalIgnoreCase);
        var capturing = sofia.Profiles.Where(p => p.HasSettings && p.SipCapture && running.Contains(p.Name)).Select(p => p.Name).ToList();
        evidence["running_profiles"] = facts.RunningProfiles.Cast<object?>().ToList();
        evidence["capture_sockets"] = facts.CaptureSockets.Count;
        evidence["capture_ports"] = facts.CaptureSockets.Select(s => (object?)(long)s.LocalPort).ToList();
        if (capturing.Count == 0)
        {
            return facts.CaptureSockets.Count == 0
                ? CheckOutcome.Pass("capture is off, as configured", evidence)
                : CheckOutcome.Fail($"capture is configured off, but {facts.CaptureSockets.Count} capture socket(s) are open (enabled by hand?)", evidence);
        }

        if (facts.CaptureSockets.Count >= capturing.Count)
        {
            return CheckOutcome.Pass($"capture is on for {string.Join(", ", capturing)}, as configured", evidence);
        }

        var why = sofia.CaptureServer is null ? $" (capture-server: {sofia.CaptureServerError ?? "not set"})" : string.Empty;
        return CheckOutcome.Fail(
            $"capture is configured on for {string.Join(", ", capturing)}, but {facts.CaptureSockets.Count} capture socket(s) are open{why}",
            evidence);
    }
}

/// <summary>
/// <c>capture_server</c>: the capture-server value parses as sofia-sip parses it (an invalid one opens no socket and is
/// logged only at debug level), matches what the policy expects, and the live sockets send to it.
/// </summary>
internal sealed class CaptureServerCheck(string? expected, string? host, long? port) : Check
{
    public const string Name = "capture_server";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "capture-server is set, valid (as sofia-sip parses it) and as expected; live capture sockets send to it.",
        [
            new("expected", ParamKind.String, false, "The exact capture-server value, e.g. udp:10.0.0.2:9060;hep=3;capture_id=200."),
            new("host", ParamKind.String, false, "The capture host the value must name."),
            new("port", ParamKind.Integer, false, "The capture port the value must name."),
        ],
        a => new CaptureServerCheck(a.String("expected"), a.String("host"), a.Integer("port")));

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts) is { } noConfig)
        {
            return noConfig;
        }

        var sofia = facts.Configuration!.Sofia;
        var evidence = new Dictionary<string, object?>
        {
            ["capture_server"] = sofia.CaptureServerValue,
            ["location"] = sofia.CaptureServerLocation?.ToString(),
        };
        if (sofia.CaptureServerValue is null)
        {
            return CheckOutcome.Fail("capture-server is not set in sofia.conf global_settings", evidence);
        }

        if (sofia.CaptureServer is not { } parsed)
        {
            evidence["parse_error"] = sofia.CaptureServerError;
            return CheckOutcome.Fail($"capture-server '{sofia.CaptureServerValue}' is invalid: {sofia.CaptureServerError} (FreeSWITCH silently opens no capture socket)", evidence);
        }

        evidence["host"] = parsed.Host;
        evidence["port"] = (long)parsed.Port;
        evidence["hep"] = (long)parsed.HepVersion;
        evidence["capture_id"] = (long)parsed.CaptureId;
        if (expected is not null && !string.Equals(expected, parsed.Raw, StringComparison.Ordinal))
        {
            evidence["expected"] = expected;
            return CheckOutcome.Fail($"capture-server is '{parsed.Raw}', expected '{expected}'", evidence);
        }

        if (host is not null && !string.Equals(host, parsed.Host, StringComparison.OrdinalIgnoreCase))
        {
            evidence["expected_host"] = host;
            return CheckOutcome.Fail($"capture-server names host {parsed.Host}, expected {host}", evidence);
        }

        if (port is { } p && p != parsed.Port)
        {
            evidence["expected_port"] = p;
            return CheckOutcome.Fail($"capture-server names port {parsed.Port}, expected {p}", evidence);
        }

        var stale = facts.CaptureSockets
            .Where(s => s.PeerPort != parsed.Port || (System.Net.IPAddress.TryParse(parsed.Host, out var ip) && !string.Equals(ip.ToString(), s.PeerIp, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        evidence["socket_peers"] = facts.CaptureSockets.Select(s => (object?)$"{s.PeerIp}:{s.PeerPort}").Distinct().ToList();
        if (stale.Count > 0)
        {
            return CheckOutcome.Fail(
                $"{stale.Count} capture socket(s) send to {string.Join(", ", stale.Select(s => $"{s.PeerIp}:{s.PeerPort}").Distinct())}, not the configured {parsed.Host}:{parsed.Port} (changed without reopening capture?)",
                evidence);
        }

        return CheckOutcome.Pass($"capture-server {parsed.Raw} is valid", evidence);
    }
}

/// <summary><c>capture_ports_clear</c>: no capture socket sits on a port a call can be handed as RTP or RTCP (§12).</summary>
internal sealed class CapturePortsClearCheck : Check
{
    public const string Name = "capture_ports_clear";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "No capture socket's local port collides with the RTP range on the same IP (§12 placement).",
        [],
        _ => new CapturePortsClearCheck());

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedFact(facts, "sockets") is { } noSockets)
        {
            return noSockets;
        }

        if (FactGuards.NeedRunning(facts) is { } notRunning)
        {
            return notRunning;
        }

        var colliding = facts.CaptureSockets.Where(s => s.Collides).ToList();
        var evidence = new Dictionary<string, object?>
        {
            ["rtp_range"] = facts.RtpRange?.ToString(),
            ["rtp_ips"] = facts.RtpIps.Cast<object?>().ToList(),
            ["rtcp_in_use"] = facts.RtcpInUse,
            ["capture_sockets"] = facts.CaptureSockets
                .Select(s => (object?)new Dictionary<string, object?>
                {
                    ["local"] = $"{s.LocalIp}:{s.LocalPort}",
                    ["peer"] = $"{s.PeerIp}:{s.PeerPort}",
                    ["collides"] = s.Collides,
                    ["reason"] = s.Reason,
                })
                .ToList(),
            ["colliding_ports"] = colliding.Select(s => (object?)(long)s.LocalPort).ToList(),
        };
        if (colliding.Count > 0)
        {
            return CheckOutcome.Fail(
                $"capture port(s) {string.Join(", ", colliding.Select(s => $"{s.LocalIp}:{s.LocalPort}"))} inside the RTP range {facts.RtpRange}: calls handed them fail with Bind Error",
                evidence);
        }

        return CheckOutcome.Pass(
            facts.CaptureSockets.Count == 0 ? "no capture sockets" : $"capture port(s) {string.Join(", ", facts.CaptureSockets.Select(s => s.LocalPort))} clear of the RTP range {facts.RtpRange}",
            evidence);
    }
}

/// <summary>
/// <c>host_protected</c>: the kernel can never hand a capture socket a port in the RTP range, because
/// <c>ip_local_reserved_ports</c> covers the part of [rtp start, rtp end+1] that <c>ip_local_port_range</c> reaches.
/// </summary>
internal sealed class HostProtectedCheck : Check
{
    public const string Name = "host_protected";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "ip_local_reserved_ports covers the RTP range wherever ip_local_port_range reaches it.",
        [],
        _ => new HostProtectedCheck());

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedFact(facts, "sysctl") is { } noSysctl)
        {
            return noSysctl;
        }

        if (FactGuards.NeedConfiguration(facts) is { } noConfig)
        {
            return noConfig;
        }

        var evidence = new Dictionary<string, object?>
        {
            ["rtp_range"] = facts.RtpRange?.ToString(),
            ["ip_local_port_range"] = facts.EphemeralRange?.ToString(),
            ["ip_local_reserved_ports"] = facts.ReservedPortsText,
            ["exposed_ports"] = FactGuards.Ranges(facts.ExposedPorts),
            ["placement"] = facts.Placement.ToWire(),
        };
        return facts.ExposedPorts.Count == 0
            ? CheckOutcome.Pass(
                facts.ReservedPorts.Count == 0
                    ? $"ip_local_port_range {facts.EphemeralRange} does not reach the RTP range {facts.RtpRange}"
                    : $"reserved ports {facts.ReservedPortsText} cover the RTP range {facts.RtpRange}",
                evidence)
            : CheckOutcome.Fail(
                $"ports {string.Join(",", facts.ExposedPorts)} of the RTP range can be auto-assigned (ip_local_port_range {facts.EphemeralRange}, reserved '{facts.ReservedPortsText}')",
                evidence);
    }
}
