using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;

namespace Orchestrator.Lab.Scenarios;

/// <summary>The effective knobs of a lab: a scenario's defaults with every <see cref="LabOptions"/> override applied.</summary>
public sealed partial record ScenarioSettings
{
    public const string Clean = "clean";
    public const string Collide = "collide";

    public static IReadOnlyList<string> Names { get; } = [Clean, Collide];

    public required string Scenario { get; init; }

    /// <summary>rtp-start-port written to switch.conf.xml; null leaves vanilla's commented default (16384).</summary>
    public int? RtpStartPort { get; init; }

    /// <summary>rtp-end-port; null leaves vanilla's default (32768).</summary>
    public int? RtpEndPort { get; init; }

    /// <summary>net.ipv4.ip_local_port_range per host, "low high"; null keeps the kernel default.</summary>
    public string? EphemeralRange { get; init; }

    /// <summary>net.ipv4.ip_local_reserved_ports per host; null or empty reserves nothing.</summary>
    public string? ReservedPorts { get; init; }

    public bool Robustness { get; init; }

    /// <summary>sip-capture on the internal and external profiles.</summary>
    public bool Capture { get; init; }

    /// <summary>The capture-server value; null means <c>udp:HOMER:9060</c>.</summary>
    public string? CaptureServer { get; init; }

    /// <summary>
    /// After start, toggle capture off/on until at least one capture port is an even port inside the RTP
    /// range (the kernel picks ports at random, so the lab helps it along). Only the collide scenario does.
    /// </summary>
    public bool ForceCollision { get; init; }

    public int EffectiveRtpStart => RtpStartPort ?? 16384;

    public int EffectiveRtpEnd => RtpEndPort ?? 32768;

    public static ScenarioSettings Resolve(LabOptions options)
    {
        var name = options.Scenario;
        var baseline = name switch
        {
            Clean => new ScenarioSettings
            {
                Scenario = Clean,
                // The RTP range stays vanilla's 16384-32768; the ephemeral range starts above it (and above RTCP's 32769).
                EphemeralRange = "40000 60999",
                Capture = true,
            },
            Collide => new ScenarioSettings
            {
                Scenario = Collide,
                // 30 even RTP ports; the ephemeral range covers them and as many again, so a capture socket lands on an
                // even RTP port one time in four, and a colliding port is handed to about one call in 30: bind errors
                // show within a few hundred calls (the chance of none in 200 calls is about 0.1 %).
                RtpStartPort = 20000,
                RtpEndPort = 20059,
                EphemeralRange = "20000 20119",
                Capture = true,
                ForceCollision = true,
            },
            _ => throw new UserInputException($"unknown scenario '{name}': expected one of {string.Join(", ", Names)}"),
        };

        var settings = baseline with
        {
            RtpStartPort = options.RtpStartPort ?? baseline.RtpStartPort,
            RtpEndPort = options.RtpEndPort ?? baseline.RtpEndPort,
            EphemeralRange = options.EphemeralRange is { } e ? NormaliseRange(e) : baseline.EphemeralRange,
            ReservedPorts = options.ReservedPorts ?? baseline.ReservedPorts,
            Robustness = options.Robustness ?? baseline.Robustness,
            Capture = options.Capture ?? baseline.Capture,
            CaptureServer = options.CaptureServer ?? baseline.CaptureServer,
            ForceCollision = baseline.ForceCollision && (options.Capture ?? true),
        };
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        if (RtpStartPort is { } s && s is < 1024 or > 65534)
        {
            throw new UserInputException($"--rtp-start {s}: expected a port between 1024 and 65534");
        }

        if (RtpEndPort is { } e && e is < 1025 or > 65535)
        {
            throw new UserInputException($"--rtp-end {e}: expected a port between 1025 and 65535");
        }

        if (EffectiveRtpStart >= EffectiveRtpEnd)
        {
            throw new UserInputException($"RTP range {EffectiveRtpStart}-{EffectiveRtpEnd}: expected start below end");
        }

        if (EphemeralRange is { } range)
        {
            var (low, high) = ParseRange(range);
            if (low < 1024 || high > 65535 || low >= high)
            {
                throw new UserInputException($"--ephemeral-range '{range}': expected \"LOW HIGH\" with 1024 <= LOW < HIGH <= 65535");
            }
        }

        if (!string.IsNullOrEmpty(ReservedPorts) && !ReservedPattern().IsMatch(ReservedPorts))
        {
            throw new UserInputException($"--reserved-ports '{ReservedPorts}': expected ports and ranges separated by commas, e.g. 20000-20100,30000");
        }
    }

    public static (int Low, int High) ParseRange(string range)
    {
        var parts = range.Split([' ', '\t', '-', ':'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high))
        {
            return (low, high);
        }

        throw new UserInputException($"ephemeral range '{range}': expected two ports, \"LOW HIGH\"");
    }

    private static string NormaliseRange(string range)
    {
        var (low, high) = ParseRange(range);
        return $"{low} {high}";
    }

    [GeneratedRegex("^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$")]
    private static partial Regex ReservedPattern();
}
