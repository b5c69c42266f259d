using System.Globalization;
using System.Net;
using FreeSwitch.Config;
using FreeSwitch.Config.Sources;
using Orchestrator.Compliance.Facts;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Tests.Support;

/// <summary>
/// Builds a host's facts the way the collector would: a real configuration through the shared reader (an in-memory
/// freeswitch.xml), the socket table, sysctls and log counts as given, and the §12 placement from Orchestrator.FreeSwitch.
/// </summary>
internal sealed class FactsBuilder
{
    public const string LocalIp = "10.0.0.5";
    public const string ConfFile = "/etc/freeswitch/freeswitch.xml";

    public int RtpStart { get; set; } = 20000;

    public int RtpEnd { get; set; } = 20099;

    /// <summary>null leaves the param out (default off).</summary>
    public bool? Robustness { get; set; }

    public string? CaptureServer { get; set; } = "udp:10.0.0.2:9060";

    public bool InternalCapture { get; set; } = true;

    public bool ExternalCapture { get; set; } = true;

    public bool Running { get; set; } = true;

    public double StartedAt { get; set; } = 1_800_000_000;

    public double ConfModified { get; set; } = 1_700_000_000;

    /// <summary>Local ports of the capture sockets (ESTAB to the capture server).</summary>
    public List<int> CapturePorts { get; } = [40001, 40002];

    public string Ephemeral { get; set; } = "20000 20199";

    public string Reserved { get; set; } = string.Empty;

    public long RtpBindErrors { get; set; }

    public bool LogReadable { get; set; } = true;

    public string? LogUnreadableReason { get; set; }

    /// <summary>Why the configuration could not be read; set, the host has no configuration (nor placement).</summary>
    public string? ConfigError { get; set; }

    public Dictionary<string, ProbeResult> Probes { get; } = new(StringComparer.Ordinal);

    /// <summary>Sections the facts script could not read, by name, with why (as the collector reports them).</summary>
    public Dictionary<string, string> Unreadable { get; } = new(StringComparer.Ordinal);

    /// <summary>The process start time could not be read (the process runs).</summary>
    public bool StartTimeUnknown { get; set; }

    /// <summary>The event socket's password in event_socket.conf; null leaves that configuration out.</summary>
    public string? EventSocketPassword { get; set; }

    public string Xml()
    {
        var robustness = Robustness is { } r ? $"<param name=\"rtp-port-usage-robustness\" value=\"{(r ? "true" : "false")}\"/>" : string.Empty;
        var capture = CaptureServer is { } c ? $"<param name=\"capture-server\" value=\"{c}\"/>" : string.Empty;
        var eventSocket = EventSocketPassword is { } pw
            ? $"<configuration name=\"event_socket.conf\" description=\"Socket Client\"><settings><param name=\"listen-ip\" value=\"127.0.0.1\"/><param name=\"password\" value=\"{pw}\"/></settings></configuration>"
            : string.Empty;
        return $"""
            <?xml version="1.0"?>
            <document type="freeswitch/xml">
              <section name="configuration" description="Various Configuration">
                <configuration name="switch.conf" description="Core Configuration">
                  <settings>
                    <param name="rtp-start-port" value="{RtpStart}"/>
                    <param name="rtp-end-port" value="{RtpEnd}"/>
                    {robustness}
                  </settings>
                </configuration>
                <configuration name="sofia.conf" description="sofia Endpoint">
                  <global_settings>
                    <param name="log-level" value="0"/>
                    {capture}
                  </global_settings>
                  <profiles>
                    <profile name="internal">
                      <settings>
                        <param name="sip-ip" value="{LocalIp}"/>
                        <param name="rtp-ip" value="{LocalIp}"/>
                        <param name="sip-capture" value="{(InternalCapture ? "yes" : "no")}"/>
                      </settings>
                    </profile>
                    <profile name="external">
                      <settings>
                        <param name="sip-ip" value="{LocalIp}"/>
                        <param name="rtp-ip" value="{LocalIp}"/>
                        <param name="sip-port" value="5080"/>
                        <param name="sip-capture" value="{(ExternalCapture ? "yes" : "no")}"/>
                      </settings>
                    </profile>
                  </profiles>
                </configuration>
                {eventSocket}
              </section>
            </document>
            """;
    }

    public HostFacts Build()
    {
        var configuration = FreeSwitchConfiguration.Load(new InMemoryConfigSource().Add(ConfFile, Xml()), new ConfigLoadOptions());
        var settings = EffectiveSettings.From(configuration, "/etc/freeswitch");
        var captureIp = IPAddress.Parse("10.0.0.2");
        var range = Ephemeral.Split(' ');
        var fs = new FreeSwitchHostFacts
        {
            Host = "fs1",
            ConfDir = "/etc/freeswitch",
            Config = ConfigError is null ? settings : null,
            ConfigError = ConfigError,
            FileModified = new Dictionary<string, double> { [ConfFile] = ConfModified },
            Pid = Running ? 4242 : null,
            Pids = Running ? [4242] : [],
            StartedAt = Running && !StartTimeUnknown ? StartedAt : null,
            SofiaStatus = Running
                ? [new SofiaStatusRow("internal", "profile", $"sip:mod_sofia@{LocalIp}:5060", "RUNNING (0)"), new SofiaStatusRow("external", "profile", $"sip:mod_sofia@{LocalIp}:5080", "RUNNING (0)")]
                : [],
            ProfileStatus = Running
                ? new Dictionary<string, SofiaProfileStatus>(StringComparer.OrdinalIgnoreCase)
                {
                    ["internal"] = new("internal", [LocalIp], LocalIp, null, null, 0, 0, 0, 0, new Dictionary<string, string>()),
                    ["external"] = new("external", [LocalIp], LocalIp, null, null, 0, 0, 0, 0, new Dictionary<string, string>()),
                }
                : new Dictionary<string, SofiaProfileStatus>(),
            Sockets = Running ? CapturePorts.Select(p => new UdpSocket("ESTAB", IPAddress.Parse(LocalIp), p, captureIp, 9060, 4242)).ToList() : [],
            EphemeralRange = Ephemeral.Length == 0 ? null : new PortRange(int.Parse(range[0], CultureInfo.InvariantCulture), int.Parse(range[1], CultureInfo.InvariantCulture)),
            ReservedPorts = PortSet.Parse(Reserved),
            UnreadableSections = Unreadable,
            BindErrors = new BindErrorCount("/var/log/freeswitch/freeswitch.log", LogReadable, TimeSpan.FromHours(24), "2026-11-25 08:00:00", RtpBindErrors, 0, RtpBindErrors > 0 ? $"[ERR] switch_core_media.c:9648 AUDIO RTP REPORTS ERROR: [Bind Error! {LocalIp}:20010]" : null)
            {
                UnreadableReason = LogUnreadableReason,
            },
        };
        return new HostFacts
        {
            FreeSwitch = fs,
            Placement = fs.Config is null ? null : CapturePlacement.Check(fs.PlacementInput()),
            Configuration = configuration,
            Probes = Probes,
        };
    }
}
