namespace FreeSwitch.Config;

/// <summary>
/// How to read a FreeSWITCH configuration tree. The defaults describe a Debian package install
/// (<c>/etc/freeswitch</c>, <c>/var/log/freeswitch</c>, ...) read offline: nothing is executed, no STUN
/// server is contacted and the environment is not consulted unless the caller says so.
/// </summary>
public sealed class ConfigLoadOptions
{
    /// <summary>The conf dir on the host; includes are relative to it (<c>$${conf_dir}</c>).</summary>
    public string ConfDir { get; set; } = "/etc/freeswitch";

    /// <summary>The main file in <see cref="ConfDir"/>.</summary>
    public string MainFile { get; set; } = "freeswitch.xml";

    /// <summary>
    /// Runtime variables FreeSWITCH computes before pre-processing (<c>local_ip_v4</c>, <c>hostname</c>,
    /// <c>base_dir</c>, ...). They override <see cref="RuntimeVariableDefaults"/>; a later <c>set</c> in the
    /// files overrides both, as in FreeSWITCH.
    /// </summary>
    public IDictionary<string, string> RuntimeVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Values for variables whose pre-processor command is not run here: <c>stun-set</c> (never contacted),
    /// <c>exec-set</c> (when <see cref="RunCommand"/> is null) and <c>env-set</c> (when <see cref="EnvironmentLookup"/>
    /// is null). Keyed by variable name. Without a value such a variable stays unset, with a warning; that is what
    /// FreeSWITCH does when the lookup fails.
    /// </summary>
    public IDictionary<string, string> CommandResults { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Reads the host's environment for <c>env-set</c>; null means unknown (offline).</summary>
    public Func<string, string?>? EnvironmentLookup { get; set; }

    /// <summary>Runs a shell command for <c>exec-set</c> and <c>exec</c> and returns its standard output; null means never run.</summary>
    public Func<string, string?>? RunCommand { get; set; }

    /// <summary>
    /// The defaults FreeSWITCH 1.10 computes on a Debian package install. <c>local_ip_v4</c> and friends
    /// are placeholders: pass the host's real values in <see cref="RuntimeVariables"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RuntimeVariableDefaults(string confDir) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hostname"] = "localhost",
        ["local_ip_v4"] = "127.0.0.1",
        ["local_mask_v4"] = "255.0.0.0",
        ["local_ip_v6"] = "::1",
        ["switch_serial"] = "0",
        ["base_dir"] = "/usr",
        ["conf_dir"] = confDir,
        ["log_dir"] = "/var/log/freeswitch",
        ["run_dir"] = "/var/run/freeswitch",
        ["db_dir"] = "/var/lib/freeswitch/db",
        ["mod_dir"] = "/usr/lib/freeswitch/mod",
        ["htdocs_dir"] = "/usr/share/freeswitch/htdocs",
        ["script_dir"] = "/usr/share/freeswitch/scripts",
        ["temp_dir"] = "/tmp",
        ["grammar_dir"] = "/usr/share/freeswitch/grammar",
        ["fonts_dir"] = "/usr/share/freeswitch/fonts",
        ["images_dir"] = "/var/lib/freeswitch/images",
        ["certs_dir"] = confDir + "/tls",
        ["storage_dir"] = "/var/lib/freeswitch/storage",
        ["cache_dir"] = "/var/cache/freeswitch",
        ["data_dir"] = "/usr/share/freeswitch",
        ["localstate_dir"] = "/var/lib/freeswitch",
        ["recordings_dir"] = "/var/lib/freeswitch/recordings",
        ["sounds_dir"] = "/usr/share/freeswitch/sounds",
    };
}
