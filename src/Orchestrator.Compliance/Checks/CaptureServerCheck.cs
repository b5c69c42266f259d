using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

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
