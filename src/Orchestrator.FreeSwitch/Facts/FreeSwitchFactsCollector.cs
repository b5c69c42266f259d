using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using FreeSwitch.Config;
using FreeSwitch.Config.Sources;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// Collects <see cref="FreeSwitchHostFacts"/> in one session (pyinfra-style typed probes batched into one script): the
/// system part, parsed locally (the config tree goes through the shared reader) while the script waits, then the API
/// part, which needs the ESL password from that config and gets it on stdin (<see cref="StdinReply"/>).
/// </summary>
public sealed class FreeSwitchFactsCollector
{
    private readonly FreeSwitchFactsOptions _options;

    public FreeSwitchFactsCollector(FreeSwitchFactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>
    /// Parsing a configuration tree is CPU-bound and holds its expanded XML (tens of MB for the vanilla tree) until
    /// it is done; at fleet scale every host's tree arrives at once, so at most one parse per core runs at a time.
    /// </summary>
    private static readonly SemaphoreSlim ParseGate = new(Math.Max(1, Environment.ProcessorCount));

    /// <exception cref="FactsException">The system script itself failed (not a FreeSWITCH problem: the shell or transport).</exception>
    public async Task<FreeSwitchHostFacts> CollectAsync(IRemoteShell shell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);

        // One session: the script prints the system sections and waits; the configuration is parsed while it waits, and
        // the answer says whether (and how) to ask the API.
        SystemStage? stage = null;
        EslEndpoint? endpoint = null;
        var reply = new StdinReply(FactsScripts.ApiPrompt, async (soFar, ct) =>
        {
            var sections = RemoteScript.SplitToMap(soFar);
            if (!sections.ContainsKey("bind_errors"))
            {
                return FactsScripts.ApiAnswer(null, null);
            }

            stage = await SystemStageAsync(ParseSystem(sections, _options), ct);
            if (stage.System.Pid is null || _options.SkipApi)
            {
                return FactsScripts.ApiAnswer(null, null);
            }

            var config = stage.Parsed?.Settings;
            endpoint = Endpoint(config);
            var captureHost = config?.CaptureServer?.Host is { } h && !IPAddress.TryParse(h, out _) ? h : null;
            return FactsScripts.ApiAnswer(FsCli.Credentials(endpoint), captureHost);
        });
        var run = await shell.RunAsync(FactsScripts.Facts(_options), null, reply, _options.CommandTimeout, cancellationToken);
        var all = RemoteScript.Split(run.Stdout);
        var prompt = all.FindIndex(x => x.Key == FactsScripts.ApiPromptSection);
        var systemSections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in prompt < 0 ? all : all[..prompt])
        {
            systemSections[k] = v;
        }

        if (!systemSections.ContainsKey("bind_errors"))
        {
            throw new FactsException($"{shell.HostName}: the facts script did not complete (rc={run.ExitCode}): {Tail(run.Stderr + run.Stdout)}");
        }

        // A shell that cannot answer (the script then reads end of file and skips the API) still gets the configuration.
        stage ??= await SystemStageAsync(ParseSystem(systemSections, _options), cancellationToken);
        var (system, runtime, parsed, configError, source) = (stage.System, stage.Runtime, stage.Parsed, stage.ConfigError, stage.Source);
        var config = parsed?.Settings;
        var warnings = new List<string>(system.Warnings);

        string? version = null, eslError = null, sofiaText = null;
        long? calls = null;
        var statusRows = new List<SofiaStatusRow>();
        var profiles = new Dictionary<string, SofiaProfileStatus>(StringComparer.OrdinalIgnoreCase);
        var resolved = new List<IPAddress>();
        if (endpoint is not null)
        {
            var api = ParseApi(all[(prompt + 1)..], endpoint);
            (version, eslError, sofiaText, calls) = (api.Version, api.Error, api.SofiaStatus, api.Calls);
            statusRows = api.Rows;
            foreach (var p in api.Profiles)
            {
                profiles[p.Name] = p;
            }

            resolved = api.Resolved;
            if (eslError is null && run.ExitCode is 97)
            {
                eslError = Tail(run.Stderr);
            }

            if (version is null && eslError is null && all.Count <= prompt + 1)
            {
                eslError = $"the facts script ended before the API answered (rc={run.ExitCode}): {Tail(run.Stderr)}";
            }

            // The running process's own runtime variables beat the guess from `ip addr`; read again if one the
            // configuration uses differs (a variable no $${...} mentions cannot change the result).
            var changed = false;
            foreach (var (name, value) in api.Variables)
            {
                if (!_options.RuntimeVariables.ContainsKey(name) && value.Length > 0 && runtime.GetValueOrDefault(name) != value)
                {
                    runtime[name] = value;
                    changed |= parsed is null || parsed.Configuration.ReferencedVariables.Contains(name);
                }
            }

            if (changed && source is not null)
            {
                (parsed, configError) = await GatedAsync(() => Parse(source, system.ConfDir, runtime), cancellationToken);
                config = parsed?.Settings;
            }
        }

        return new FreeSwitchHostFacts
        {
            Host = shell.HostName,
            Hostname = system.Hostname,
            ConfDir = system.ConfDir,
            Config = config,
            ConfigError = configError,
            Configuration = _options.KeepConfiguration ? parsed?.Configuration : null,
            RuntimeVariables = runtime,
            FileModified = FileTimes(source),
            Pid = system.Pid,
            Pids = system.Pids,
            StartedAt = system.StartedAt,
            Version = version,
            EslError = eslError,
            SofiaStatusText = sofiaText,
            SofiaStatus = statusRows,
            ProfileStatus = profiles,
            SocketSource = system.SocketSource,
            Sockets = system.Sockets,
            CaptureServerAddresses = resolved,
            EphemeralRange = system.EphemeralRange,
            ReservedPorts = system.ReservedPorts,
            BindErrors = system.BindErrors,
            ActiveCalls = calls,
            Warnings = warnings,
        };
    }

    /// <summary>What the system sections give: the facts, the runtime variables guessed from them, and the configuration.</summary>
    private sealed record SystemStage(SystemFacts System, Dictionary<string, string> Runtime, ParsedConfig? Parsed, string? ConfigError, IConfigFileSource? Source);

    private async Task<SystemStage> SystemStageAsync(SystemFacts system, CancellationToken cancellationToken)
    {
        var runtime = new Dictionary<string, string>(StringComparer.Ordinal);
        if (system.Hostname is { Length: > 0 } hn)
        {
            runtime["hostname"] = hn;
        }

        // switch_find_local_ip() falls back to the loopback address when no interface has one, so guess the same.
        runtime["local_ip_v4"] = system.LocalIpV4 ?? "127.0.0.1";
        runtime["local_ip_v6"] = system.LocalIpV6 ?? "::1";
        Overlay(runtime, _options.RuntimeVariables);
        var (parsed, error, source) = await GatedAsync(() => LoadConfig(system, runtime), cancellationToken);
        return new SystemStage(system, runtime, parsed, error, source);
    }

    /// <summary>Runs a configuration parse under <see cref="ParseGate"/>.</summary>
    private static async Task<T> GatedAsync<T>(Func<T> parse, CancellationToken cancellationToken)
    {
        await ParseGate.WaitAsync(cancellationToken);
        try
        {
            return parse();
        }
        finally
        {
            ParseGate.Release();
        }
    }

    /// <summary>The ESL endpoint: the options' overrides, else event_socket.conf, else fs_cli's built-in defaults.</summary>
    internal EslEndpoint Endpoint(EffectiveSettings? config) => new(
        _options.EslHost ?? EslEndpoint.ConnectHost(config?.EslListenIp),
        _options.EslPort ?? config?.EslListenPort ?? 8021,
        _options.EslPassword ?? config?.EslPassword ?? new Secret("ClueCon"));

    /// <summary>A parsed configuration and the effective settings read from it.</summary>
    internal sealed record ParsedConfig(FreeSwitchConfiguration Configuration, EffectiveSettings Settings);

    private static (ParsedConfig? Config, string? Error, IConfigFileSource? Source) LoadConfig(SystemFacts system, Dictionary<string, string> runtime)
    {
        if (system.ConfTar is null)
        {
            return (null, $"{system.ConfDir}/freeswitch.xml not found on the host", null);
        }

        InMemoryConfigSource source;
        try
        {
            using var gz = new GZipStream(new MemoryStream(Convert.FromBase64String(system.ConfTar)), CompressionMode.Decompress);
            using var tar = new MemoryStream();
            gz.CopyTo(tar);
            tar.Position = 0;
            source = InMemoryConfigSource.FromTar(tar, system.ConfDir);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            return (null, $"the configuration tree of {system.ConfDir} could not be transferred: {ex.Message}", null);
        }

        var (config, error) = Parse(source, system.ConfDir, runtime);
        return (config, error, source);
    }

    internal static (ParsedConfig? Config, string? Error) Parse(IConfigFileSource source, string confDir, IReadOnlyDictionary<string, string> runtime)
    {
        var options = new ConfigLoadOptions { ConfDir = confDir };
        foreach (var (k, v) in runtime)
        {
            options.RuntimeVariables[k] = v;
        }

        try
        {
            var config = FreeSwitchConfiguration.Load(source, options);
            return (new ParsedConfig(config, EffectiveSettings.From(config, confDir)), null);
        }
        catch (FreeSwitchConfigException ex)
        {
            return (null, ex.Message);
        }
    }

    private static void Overlay(Dictionary<string, string> target, IDictionary<string, string> overrides)
    {
        foreach (var (k, v) in overrides)
        {
            target[k] = v;
        }
    }

    internal sealed record SystemFacts(
        int? Pid,
        IReadOnlyList<int> Pids,
        string ConfDir,
        string? ConfTar,
        string? Hostname,
        string? LocalIpV4,
        string? LocalIpV6,
        double? StartedAt,
        string SocketSource,
        IReadOnlyList<UdpSocket> Sockets,
        PortRange? EphemeralRange,
        PortSet ReservedPorts,
        BindErrorCount BindErrors,
        IReadOnlyList<string> Warnings);

    internal static SystemFacts ParseSystem(IReadOnlyDictionary<string, string> s, FreeSwitchFactsOptions options)
    {
        var sock = ParseSockets(s);
        var warnings = new List<string>(sock.Warnings);
        var confDir = Get(s, "conf_dir").Trim();
        var tar = Get(s, "conf_tar").Trim();
        var confDirNormalized = confDir.TrimEnd('/');

        var (v4, v6) = ParseAddresses(Get(s, "addresses"));
        var process = KeyValues(Get(s, "process"));
        double? started = null;
        if (process.TryGetValue("stat", out var ticksText) && long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && process.TryGetValue("hz", out var hzText) && double.TryParse(hzText, NumberStyles.Float, CultureInfo.InvariantCulture, out var hz) && hz > 0
            && process.TryGetValue("uptime", out var upText) && double.TryParse(upText, NumberStyles.Float, CultureInfo.InvariantCulture, out var uptime)
            && process.TryGetValue("now", out var nowText) && double.TryParse(nowText.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var now))
        {
            // started = now - (uptime - starttime): both clocks read in the same script, so the error is a few ms.
            started = now - (uptime - (ticks / hz));
        }

        var logFile = Get(s, "log").Trim();
        var bind = Get(s, "bind_errors");
        BindErrorCount bindErrors;
        if (bind.Trim() == "unreadable")
        {
            bindErrors = new BindErrorCount(logFile, false, options.BindErrorWindow, null, 0, 0, null);
            warnings.Add($"the FreeSWITCH log {logFile} is not readable: Bind Error lines were not counted");
        }
        else
        {
            var kv = KeyValues(bind);
            bindErrors = new BindErrorCount(
                logFile,
                true,
                options.BindErrorWindow,
                kv.GetValueOrDefault("since"),
                long.TryParse(kv.GetValueOrDefault("rtp"), NumberStyles.None, CultureInfo.InvariantCulture, out var rtp) ? rtp : 0,
                long.TryParse(kv.GetValueOrDefault("rtcp"), NumberStyles.None, CultureInfo.InvariantCulture, out var rtcp) ? rtcp : 0,
                kv.GetValueOrDefault("last"));
        }

        return new SystemFacts(
            sock.Pid,
            sock.Pids,
            confDir.Length == 0 ? "/etc/freeswitch" : confDirNormalized,
            tar.Length == 0 ? null : tar,
            Get(s, "hostname").Trim() is { Length: > 0 } h ? h : null,
            v4,
            v6,
            started,
            sock.Source,
            sock.Sockets,
            sock.EphemeralRange,
            sock.ReservedPorts,
            bindErrors,
            warnings);
    }

    /// <summary>What the fast socket probe (and the first part of the system script) reports.</summary>
    internal sealed record SocketFacts(
        int? Pid,
        IReadOnlyList<int> Pids,
        string Source,
        IReadOnlyList<UdpSocket> Sockets,
        PortRange? EphemeralRange,
        PortSet ReservedPorts,
        IReadOnlyList<string> Warnings);

    internal static SocketFacts ParseSockets(IReadOnlyDictionary<string, string> s)
    {
        var warnings = new List<string>();
        var pidLines = Get(s, "pid").Split('\n');
        var pid = int.TryParse(pidLines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        var pids = (pidLines.Length > 1 ? pidLines[1] : string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(v => v > 0)
            .ToList();
        if (pid is { } main && !pids.Contains(main))
        {
            pids.Insert(0, main);
        }

        var socketText = Get(s, "sockets");
        var newline = socketText.IndexOf('\n', StringComparison.Ordinal);
        var tool = (newline < 0 ? socketText : socketText[..newline]).Trim();
        var table = newline < 0 ? string.Empty : socketText[(newline + 1)..];
        var pidSet = new HashSet<int>(pids);
        List<UdpSocket> sockets;
        if (tool == "ss")
        {
            sockets = pidSet.Count == 0 ? [] : SocketTableParser.ParseSs(table, pidSet);
        }
        else
        {
            sockets = SocketTableParser.ParseProcNet(table, SocketTableParser.ParseInodes(Get(s, "fds")));
        }

        PortRange? ephemeral = null;
        var rangeParts = Get(s, "port_range").Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (rangeParts.Length == 2
            && int.TryParse(rangeParts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(rangeParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high))
        {
            ephemeral = new PortRange(low, high);
        }
        else
        {
            warnings.Add("net.ipv4.ip_local_port_range could not be read");
        }

        var reservedText = Get(s, "reserved_ports").Trim();
        if (!PortSet.TryParse(reservedText, out var reserved))
        {
            warnings.Add($"net.ipv4.ip_local_reserved_ports could not be read: '{reservedText}'");
        }

        return new SocketFacts(pid, pids, tool == "ss" ? "ss" : "proc", sockets, ephemeral, reserved, warnings);
    }

    /// <summary>
    /// The first IPv4 (and IPv6, not link-local) address of an interface that is up and not loopback, from
    /// <c>ip -o addr show up</c>: what local_ip_v4 is on a host whose FreeSWITCH is not running to ask.
    /// </summary>
    internal static (string? V4, string? V6) ParseAddresses(string text)
    {
        string? v4 = null, v6 = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "2: eth0    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0\       valid_lft forever ..."
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 4 || f[1] == "lo" || line.Contains(" scope host", StringComparison.Ordinal))
            {
                continue;
            }

            var address = f[3].Split('/')[0];
            if (f[2] == "inet" && v4 is null)
            {
                v4 = address;
            }
            else if (f[2] == "inet6" && v6 is null && !line.Contains(" scope link", StringComparison.Ordinal))
            {
                v6 = address;
            }
        }

        return (v4, v6);
    }

    internal sealed record ApiFacts(
        string? Version,
        string? Error,
        string? SofiaStatus,
        List<SofiaStatusRow> Rows,
        List<SofiaProfileStatus> Profiles,
        long? Calls,
        Dictionary<string, string> Variables,
        List<IPAddress> Resolved);

    internal static ApiFacts ParseApi(List<KeyValuePair<string, string>> sections, EslEndpoint endpoint)
    {
        string? version = null, error = null, status = null;
        long? calls = null;
        var rows = new List<SofiaStatusRow>();
        var profiles = new List<SofiaProfileStatus>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolved = new List<IPAddress>();
        for (var i = 0; i < sections.Count; i++)
        {
            var (name, body) = sections[i];
            var rc = i + 1 < sections.Count && sections[i + 1].Key.StartsWith("rc ", StringComparison.Ordinal)
                && int.TryParse(sections[i + 1].Key[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
            var reply = FsCli.TrimReply(body);
            if (rc is not null and not 0 && name is not ("profile" or "resolve"))
            {
                // fs_cli could not connect or authenticate: say so once, with fs_cli's own words.
                error ??= $"could not talk to the event socket at {endpoint} (exit {rc}): {reply.Trim()}";
                continue;
            }

            switch (name)
            {
                case "version":
                    version = FsCliOutputParsers.ParseVersion(reply);
                    break;
                case "sofia_status":
                    status = reply;
                    rows = FsCliOutputParsers.ParseSofiaStatus(reply);
                    break;
                case "profile":
                    var newline = reply.IndexOf('\n', StringComparison.Ordinal);
                    var profileName = (newline < 0 ? reply : reply[..newline]).Trim();
                    if (rc is 0 && newline > 0)
                    {
                        profiles.Add(FsCliOutputParsers.ParseProfileStatus(profileName, reply[(newline + 1)..]));
                    }

                    break;
                case "calls":
                    calls = FsCliOutputParsers.ParseCallsCount(reply);
                    break;
                case "resolve":
                    foreach (var line in reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (Addresses.TryParse(line, out var a))
                        {
                            resolved.Add(a);
                        }
                    }

                    break;
                default:
                    if (name.StartsWith("var ", StringComparison.Ordinal) && !FsCliOutputParsers.IsError(reply))
                    {
                        variables[name[4..]] = reply.Trim();
                    }

                    break;
            }
        }

        return new ApiFacts(version, error, status, rows, profiles, calls, variables, resolved);
    }

    /// <summary>The configuration files' modification times (Unix seconds), from the tar's pax headers.</summary>
    private static Dictionary<string, double> FileTimes(IConfigFileSource? source)
    {
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        if (source is InMemoryConfigSource memory)
        {
            foreach (var (path, modified) in memory.Modified)
            {
                times[path] = (modified.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
            }
        }

        return times;
    }

    private static string Get(IReadOnlyDictionary<string, string> sections, string name) => sections.GetValueOrDefault(name) ?? string.Empty;

    private static Dictionary<string, string> KeyValues(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                map.TryAdd(line[..space], line[(space + 1)..].Trim());
            }
        }

        return map;
    }

    private static string Tail(string text)
    {
        var t = text.Trim();
        return t.Length > 400 ? "..." + t[^400..] : t;
    }
}

/// <summary>Facts could not be gathered at all (the shell or the transport failed, not FreeSWITCH).</summary>
public sealed class FactsException(string message) : Exception(message);
