using Orchestrator.Core.Secrets;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>How <see cref="FreeSwitchFactsCollector"/> reads a host. Every default fits a Debian package install.</summary>
public sealed class FreeSwitchFactsOptions
{
    public const string Auto = "auto";

    /// <summary>The conf dir; <c>auto</c>: the running process's <c>-conf</c>, else /etc/freeswitch, else /usr/local/freeswitch/conf.</summary>
    public string ConfDir { get; set; } = Auto;

    /// <summary>The log file; <c>auto</c>: the running process's <c>-log</c> dir, else /var/log/freeswitch, + /freeswitch.log.</summary>
    public string LogFile { get; set; } = Auto;

    /// <summary>How far back <c>Bind Error</c> lines are counted (by the timestamps in the log lines).</summary>
    public TimeSpan BindErrorWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The fs_cli executable on the host.</summary>
    public string FsCliPath { get; set; } = "fs_cli";

    /// <summary>
    /// How API commands reach FreeSWITCH: <see cref="Esl.ApiClient.Esl"/> (one event-socket connection per script from
    /// bash, fs_cli when bash is missing) or <see cref="Esl.ApiClient.FsCli"/> (fs_cli per command).
    /// </summary>
    public Esl.ApiClient ApiClient { get; set; } = Esl.ApiClient.Esl;

    /// <summary><c>auto</c> (bash: the /proc tables; without bash 5: ss when installed, else /proc), <c>ss</c> or <c>proc</c>.</summary>
    public string SocketTable { get; set; } = Auto;

    /// <summary>The ESL password to use instead of the one in event_socket.conf.xml.</summary>
    public Secret? EslPassword { get; set; }

    /// <summary>The ESL address to connect to instead of the one derived from listen-ip.</summary>
    public string? EslHost { get; set; }

    public int? EslPort { get; set; }

    /// <summary>Runtime variables to use instead of what the host reports (<c>local_ip_v4</c>, <c>hostname</c>, ...).</summary>
    public IDictionary<string, string> RuntimeVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Timeout of the facts script (the whole session, API included).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Keep the whole parsed configuration in <see cref="FreeSwitchHostFacts.Configuration"/> (for checks that read any
    /// param). Off by default: the parsed document is several MB per host, and the effective settings are enough for most.
    /// </summary>
    public bool KeepConfiguration { get; set; }

    /// <summary>Skip the API part (event socket or fs_cli): configuration and socket facts only.</summary>
    public bool SkipApi { get; set; }

    /// <summary>
    /// The most the conf dir's archive may hold once decompressed (headers included), counted as it is read: a host that
    /// sends more has its configuration unreadable, with why. 64 MiB; the vanilla tree is about 1 MiB.
    /// </summary>
    public long ConfigArchiveMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The most files the conf dir's archive may hold (vanilla: about 250).</summary>
    public int ConfigArchiveMaxFiles { get; set; } = 5000;

    /// <summary>The most one file of the archive may hold (the script sends files under 1 MiB; a hostile host may not).</summary>
    public long ConfigArchiveMaxFileBytes { get; set; } = 8L * 1024 * 1024;

    internal void Validate()
    {
        if (SocketTable is not (Auto or "ss" or "proc"))
        {
            throw new ArgumentException($"socket table must be auto, ss or proc, but is '{SocketTable}'");
        }

        if (ConfigArchiveMaxBytes <= 0 || ConfigArchiveMaxFiles <= 0 || ConfigArchiveMaxFileBytes <= 0)
        {
            throw new ArgumentException("the config archive limits must be positive");
        }

        if (BindErrorWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("the bind error window must be positive");
        }
    }
}
