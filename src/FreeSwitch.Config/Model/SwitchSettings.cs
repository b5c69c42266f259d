namespace FreeSwitch.Config.Model;

/// <summary>
/// The core settings FreeSWITCH reads from <c>switch.conf</c> at start only (src/switch_core.c): changing them
/// needs a restart. The RTP range falls back to the compiled defaults 16384..32768.
/// </summary>
public sealed class SwitchSettings
{
    public const int DefaultRtpStartPort = 16384;
    public const int DefaultRtpEndPort = 32768;
    public const int DefaultMaxSessions = 1000;
    public const int DefaultSessionsPerSecond = 30;

    public int RtpStartPort { get; init; } = DefaultRtpStartPort;

    public int RtpEndPort { get; init; } = DefaultRtpEndPort;

    /// <summary>True when no usable <c>rtp-start-port</c> was configured (missing, 0 or not a number) and 16384 applies.</summary>
    public bool RtpStartPortIsDefault { get; init; } = true;

    public bool RtpEndPortIsDefault { get; init; } = true;

    public ConfigLocation? RtpStartPortLocation { get; init; }

    public ConfigLocation? RtpEndPortLocation { get; init; }

    /// <summary><c>rtp-port-usage-robustness</c>: test-bind each candidate RTP port. Default false.</summary>
    public bool RtpPortUsageRobustness { get; init; }

    public int MaxSessions { get; init; } = DefaultMaxSessions;

    public int SessionsPerSecond { get; init; } = DefaultSessionsPerSecond;

    public double MinIdleCpu { get; init; }

    /// <summary>Every param of <c>&lt;settings&gt;</c>, in file order.</summary>
    public IReadOnlyList<ConfigParam> Params { get; init; } = [];

    internal static SwitchSettings From(IReadOnlyList<ConfigParam> settings)
    {
        int? start = null, end = null;
        ConfigLocation? startAt = null, endAt = null;
        var robust = false;
        var maxSessions = DefaultMaxSessions;
        var sps = DefaultSessionsPerSecond;
        double minIdle = 0;
        foreach (var p in settings)
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "rtp-start-port":
                    // switch_rtp_set_start_port((switch_port_t) atoi(val)) ignores 0.
                    if ((ushort)FreeSwitchValues.Atoi(p.Value) is var s and not 0)
                    {
                        start = s;
                        startAt = p.Location;
                    }

                    break;
                case "rtp-end-port":
                    if ((ushort)FreeSwitchValues.Atoi(p.Value) is var e and not 0)
                    {
                        end = e;
                        endAt = p.Location;
                    }

                    break;
                case "rtp-port-usage-robustness":
                    robust = FreeSwitchValues.IsTrue(p.Value);
                    break;
                case "max-sessions":
                    maxSessions = (int)FreeSwitchValues.Atoi(p.Value);
                    break;
                case "sessions-per-second":
                    sps = (int)FreeSwitchValues.Atoi(p.Value);
                    break;
                case "min-idle-cpu":
                    _ = double.TryParse(p.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out minIdle);
                    break;
                default:
                    break;
            }
        }

        return new SwitchSettings
        {
            RtpStartPort = start ?? DefaultRtpStartPort,
            RtpEndPort = end ?? DefaultRtpEndPort,
            RtpStartPortIsDefault = start is null,
            RtpEndPortIsDefault = end is null,
            RtpStartPortLocation = startAt,
            RtpEndPortLocation = endAt,
            RtpPortUsageRobustness = robust,
            MaxSessions = maxSessions,
            SessionsPerSecond = sps,
            MinIdleCpu = minIdle,
            Params = settings,
        };
    }
}
