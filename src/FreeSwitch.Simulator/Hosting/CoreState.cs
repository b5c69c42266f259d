using System.Net;
using FreeSwitch.Config;
using FreeSwitch.Config.Model;
using FreeSwitch.Simulator.Logging;
using FreeSwitch.Simulator.Media;

namespace FreeSwitch.Simulator.Hosting;

/// <summary>What the simulated core shares with every module: the log, the clock, the start-time settings, the RTP allocators and the session counters.</summary>
internal sealed class CoreState
{
    public const string Version = "1.10.12-release~64bit";
    public const string VersionHuman = "1.10.12 -release 64bit";
    public const string UserAgent = "FreeSWITCH-mod_sofia/1.10.12-release~64bit";

    private readonly object _lock = new();
    private readonly Dictionary<string, RtpPortAllocator> _allocators = new(StringComparer.Ordinal);
    private readonly Random _random;
    private int _active;

    public CoreState(FsLog log, TimeProvider time, FreeSwitchConfiguration config, Random random, TimeSpan captureDelay)
    {
        Log = log;
        Time = time;
        Config = config;
        Switch = config.Switch;
        _random = random;
        CaptureDelay = captureDelay;
        StartedAt = time.GetTimestamp();
        CaptureServerValue = config.Sofia.CaptureServerValue;
    }

    public FsLog Log { get; }

    public TimeProvider Time { get; }

    /// <summary>The configuration as last (re)loaded: reloadxml replaces it.</summary>
    public FreeSwitchConfiguration Config { get; set; }

    /// <summary>switch.conf as read at start: the RTP range and robustness only change with a restart.</summary>
    public SwitchSettings Switch { get; }

    /// <summary>sofia.conf's capture-server as last loaded (reloadxml re-reads it), or null.</summary>
    public string? CaptureServerValue { get; set; }

    /// <summary>How long a capture change takes to reach the socket (it is applied on the profile's own loop).</summary>
    public TimeSpan CaptureDelay { get; }

    public long StartedAt { get; }

    public long SessionsSinceStartup { get; private set; }

    public int ActiveSessions => Volatile.Read(ref _active);

    public int PeakSessions { get; private set; }

    public Random Random => _random;

    public void SessionCreated()
    {
        lock (_lock)
        {
            SessionsSinceStartup++;
            _active++;
            PeakSessions = Math.Max(PeakSessions, _active);
        }
    }

    public void SessionDestroyed()
    {
        lock (_lock)
        {
            _active--;
        }
    }

    /// <summary>The allocator for an RTP IP, created on first use from the start-time range.</summary>
    public RtpPortAllocator Allocator(IPAddress ip)
    {
        lock (_lock)
        {
            var key = ip.ToString();
            if (!_allocators.TryGetValue(key, out var allocator))
            {
                allocator = new RtpPortAllocator(ip, Switch.RtpStartPort, Switch.RtpEndPort, Switch.RtpPortUsageRobustness, new Random(_random.Next()),
                    message => Log.Log(FsLogLevel.Debug, "switch_core_port_allocator.c", 193, message));
                _allocators[key] = allocator;
            }

            return allocator;
        }
    }
}
