using Orchestrator.Compliance.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Checks;

/// <summary>
/// <c>capture_enabled</c>: capture is live exactly when the configuration says so. While running profiles have
/// <c>sip-capture</c> true there must be at least one capture socket for each; with none configured there must be none.
/// With <c>expected</c>, the configuration itself must also say that on the checked profiles.
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
            new("profiles", ParamKind.StringList, false, "Profiles whose sip-capture `expected` applies to; default: every configured profile."),
        ],
        a => new CaptureEnabledCheck(a.Bool("expected"), a.StringList("profiles")));

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts, out var fs, out var config) is { } missing)
        {
            return missing;
        }

        var evidence = new Dictionary<string, object?>();
        var configured = config.Profiles.ToDictionary(p => p.Name, p => (object?)p.SipCapture, StringComparer.Ordinal);
        evidence["sip_capture"] = configured;
        if (expected is { } want)
        {
            evidence["expected"] = want;
            var names = profiles ?? config.Profiles.Select(p => p.Name).ToList();
            var unknown = names.Where(n => !config.Profiles.Any(p => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
            {
                evidence["missing_profiles"] = unknown.Cast<object?>().ToList();
                return CheckOutcome.Fail($"profile(s) not configured: {string.Join(", ", unknown)}", evidence);
            }

            var wrong = config.Profiles.Where(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase) && p.SipCapture != want).Select(p => p.Name).ToList();
            if (wrong.Count > 0)
            {
                return CheckOutcome.Fail($"sip-capture is {(want ? "off" : "on")} on {string.Join(", ", wrong)}; expected {(want ? "on" : "off")}", evidence);
            }
        }

        if (FactGuards.NeedRunning(fs) is { } notRunning)
        {
            notRunning.Evidence["sip_capture"] = configured;
            return notRunning;
        }

        // Without the event socket the running profiles are unknown: take every configured one as running.
        var running = fs.SofiaStatus.Where(r => r.IsRunning).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (fs.EslError is { } esl)
        {
            evidence["esl_error"] = esl;
            running = config.Profiles.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        var capturing = config.Profiles.Where(p => p.SipCapture && running.Contains(p.Name)).Select(p => p.Name).ToList();
        var sockets = fs.CaptureSockets;
        evidence["running_profiles"] = running.Order(StringComparer.Ordinal).Cast<object?>().ToList();
        evidence["capture_sockets"] = (long)sockets.Count;
        evidence["capture_ports"] = sockets.Select(s => (object?)(long)s.LocalPort).ToList();
        if (capturing.Count == 0)
        {
            return sockets.Count == 0
                ? CheckOutcome.Pass("capture is off, as configured", evidence)
                : CheckOutcome.Fail($"capture is configured off, but {sockets.Count} capture socket(s) are open (turned on by hand?)", evidence);
        }

        if (sockets.Count >= capturing.Count)
        {
            return CheckOutcome.Pass($"capture is on for {string.Join(", ", capturing)}, as configured", evidence);
        }

        var why = config.CaptureServer is null ? $" (capture-server: {config.CaptureServerError ?? "not set"})" : string.Empty;
        return CheckOutcome.Fail(
            $"capture is configured on for {string.Join(", ", capturing)}, but {sockets.Count} capture socket(s) are open{why}",
            evidence);
    }
}

/// <summary>
/// <c>capture_server</c>: the capture-server value parses as sofia-sip parses it (an invalid one opens no socket and is
/// logged only at debug level) and matches what the policy expects.
/// </summary>
internal sealed class CaptureServerCheck(string? expected, string? host, long? port) : Check
{
    public const string Name = "capture_server";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "capture-server is set, valid (as sofia-sip parses it) and as expected.",
        [
            new("expected", ParamKind.String, false, "The exact capture-server value, e.g. udp:10.0.0.2:9060;hep=3;capture_id=200."),
            new("host", ParamKind.String, false, "The capture host the value must name."),
            new("port", ParamKind.Integer, false, "The capture port the value must name."),
        ],
        a => new CaptureServerCheck(a.String("expected"), a.String("host"), a.Integer("port")));

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts, out _, out var config) is { } missing)
        {
            return missing;
        }

        var evidence = new Dictionary<string, object?>
        {
            ["capture_server"] = config.CaptureServerValue,
            ["location"] = config.CaptureServerLocation,
        };
        if (config.CaptureServerValue is null)
        {
            return CheckOutcome.Fail("capture-server is not set in sofia.conf global_settings", evidence);
        }

        if (config.CaptureServer is not { } parsed)
        {
            evidence["parse_error"] = config.CaptureServerError;
            return CheckOutcome.Fail($"capture-server '{config.CaptureServerValue}' is invalid: {config.CaptureServerError} (FreeSWITCH silently opens no capture socket)", evidence);
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

        return CheckOutcome.Pass($"capture-server {parsed.Raw} is valid", evidence);
    }
}

/// <summary><c>capture_ports_clear</c>: no capture socket sits on a port a call can be handed as RTP or RTCP (§12, decided by Orchestrator.FreeSwitch).</summary>
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
        if (FactGuards.NeedConfiguration(facts, out var fs, out _) is { } missing)
        {
            return missing;
        }

        if (FactGuards.NeedRunning(fs) is { } notRunning)
        {
            return notRunning;
        }

        var placement = facts.Placement!;
        var colliding = placement.Colliding;
        var evidence = new Dictionary<string, object?>
        {
            ["rtp_range"] = placement.RtpRange.ToString(),
            ["rtp_ips"] = fs.RtpAddresses().Select(a => (object?)$"{a.Address}{(a.Rtcp ? " (rtcp)" : string.Empty)}").Distinct().ToList(),
            ["capture_sockets"] = placement.Sockets
                .Select(s => (object?)new Dictionary<string, object?>
                {
                    ["local"] = s.Socket.Local,
                    ["peer"] = s.Socket.Peer,
                    ["verdict"] = PlacementReport.VerdictName(s.Verdict),
                    ["reason"] = s.Reason,
                })
                .ToList(),
            ["colliding_ports"] = colliding.Select(s => (object?)(long)s.Port).ToList(),
        };
        if (colliding.Count > 0)
        {
            return CheckOutcome.Fail(
                $"capture port(s) {string.Join(", ", colliding.Select(s => s.Socket.Local))} collide with the RTP range {placement.RtpRange}: calls handed them fail with Bind Error",
                evidence);
        }

        return CheckOutcome.Pass(
            placement.Sockets.Count == 0 ? "no capture sockets" : $"capture port(s) {string.Join(", ", placement.Sockets.Select(s => s.Port))} clear of the RTP range {placement.RtpRange}",
            evidence);
    }
}

/// <summary>
/// <c>host_protected</c>: the kernel can never hand a capture socket a port in the RTP range (RTCP included), because
/// <c>ip_local_reserved_ports</c> covers the part of it that <c>ip_local_port_range</c> reaches (§12's protected).
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
        if (FactGuards.NeedConfiguration(facts, out var fs, out _) is { } missing)
        {
            return missing;
        }

        var placement = facts.Placement!;
        var evidence = new Dictionary<string, object?>
        {
            ["rtp_range"] = placement.RtpRange.ToString(),
            ["ip_local_port_range"] = fs.EphemeralRange?.ToString(),
            ["ip_local_reserved_ports"] = fs.ReservedPorts.ToString(),
            ["unreserved_ports"] = placement.Unreserved.ToString(),
            ["placement"] = PlacementReport.VerdictName(placement.Verdict),
            ["reason"] = placement.Reason,
        };
        return placement.Unreserved.IsEmpty
            ? CheckOutcome.Pass(
                fs.ReservedPorts.IsEmpty
                    ? $"ip_local_port_range {fs.EphemeralRange} does not reach the RTP range {placement.RtpRange}"
                    : $"reserved ports {fs.ReservedPorts} cover the RTP range {placement.RtpRange} where ip_local_port_range {fs.EphemeralRange} reaches it",
                evidence)
            : CheckOutcome.Fail(
                $"ports {placement.Unreserved} of the RTP range can be auto-assigned to capture sockets (ip_local_port_range {fs.EphemeralRange?.ToString() ?? "unknown"}, reserved '{fs.ReservedPorts}')",
                evidence);
    }
}
