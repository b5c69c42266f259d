using Orchestrator.Compliance.Facts;

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
        // Sockets seen are seen; when not all could be read, only what those prove is said (too few, or none: unknown).
        var unseen = fs.CaptureSocketsUnreadable;
        if (capturing.Count == 0)
        {
            if (sockets.Count == 0 && unseen is not null)
            {
                return FactGuards.Unreadable("whether a capture socket is open", unseen, evidence);
            }

            return sockets.Count == 0
                ? CheckOutcome.Pass("capture is off, as configured", evidence)
                : CheckOutcome.Fail($"capture is configured off, but {sockets.Count} capture socket(s) are open (turned on by hand?)", evidence);
        }

        if (sockets.Count >= capturing.Count)
        {
            return CheckOutcome.Pass($"capture is on for {string.Join(", ", capturing)}, as configured", evidence);
        }

        if (unseen is not null)
        {
            return FactGuards.Unreadable($"whether {string.Join(", ", capturing)} capture ({sockets.Count} capture socket(s) seen)", unseen, evidence);
        }

        if (fs.EslError is { } unknownProfiles)
        {
            return FactGuards.Unreadable($"which profiles run, so whether {sockets.Count} capture socket(s) are enough", unknownProfiles, evidence);
        }

        var why = config.CaptureServer is null ? $" (capture-server: {config.CaptureServerError ?? "not set"})" : string.Empty;
        return CheckOutcome.Fail(
            $"capture is configured on for {string.Join(", ", capturing)}, but {sockets.Count} capture socket(s) are open{why}",
            evidence);
    }
}
