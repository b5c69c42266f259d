using System.Net;
using FreeSwitch.Config.Sources;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Configuration;
using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Facts.Sections;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// Collects <see cref="FreeSwitchHostFacts"/> in one session (pyinfra-style typed probes batched into one script,
/// <see cref="FactsScripts"/>): the system part, parsed locally (the config tree goes through the shared reader) while the
/// script waits, then the API part, which needs the ESL password from that config and gets it on stdin
/// (<see cref="StdinReply"/>), then what other layers contributed (<see cref="FactsContribution"/>).
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

    /// <exception cref="FactsException">The system script itself failed (not a FreeSWITCH problem: the shell or transport).</exception>
    public Task<FreeSwitchHostFacts> CollectAsync(IRemoteShell shell, CancellationToken cancellationToken) => CollectAsync(shell, [], cancellationToken);

    /// <param name="shell">Where the script runs.</param>
    /// <param name="contributions">Other layers' probes, run in the same session; each gets its section back, also when the facts fail.</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <exception cref="FactsException">The system script itself failed (not a FreeSWITCH problem: the shell or transport).</exception>
    public async Task<FreeSwitchHostFacts> CollectAsync(IRemoteShell shell, IReadOnlyList<FactsContribution> contributions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var contributed = ContributionNames(contributions);

        // One session: the script prints the system sections and waits; the configuration is parsed while it waits, and
        // the answer says whether (and how) to ask the API.
        SystemStage? stage = null;
        EslEndpoint? endpoint = null;
        var resolveAsked = false;
        var reply = new StdinReply(FactsScripts.ApiPrompt, async (soFar, ct) =>
        {
            var sections = FactsOutput.Parse(soFar);
            if (!sections.Contains(FactsSections.BindErrors.Name))
            {
                return FactsScripts.ApiAnswer(null, null);
            }

            stage = await SystemStageAsync(SystemFacts.Read(sections, _options), ct);
            if (stage.System.Pid is null || _options.SkipApi)
            {
                return FactsScripts.ApiAnswer(null, null);
            }

            var config = stage.Parsed?.Settings;
            endpoint = Endpoint(config);
            var captureHost = config?.CaptureServer?.Host is { } h && !IPAddress.TryParse(h, out _) ? h : null;
            resolveAsked = captureHost is not null;
            return FactsScripts.ApiAnswer(FsCli.Credentials(endpoint), captureHost);
        });
        var run = await shell.RunAsync(FactsScripts.Facts(_options, contributions), null, reply, _options.CommandTimeout, cancellationToken);
        if (run.Truncated)
        {
            // A cut output may end inside any section: none of it is trusted, the contributions' parts neither.
            foreach (var contribution in contributions)
            {
                contribution.Read(null);
            }

            throw new FactsException($"{shell.HostName}: the facts output exceeded the controller's output limit ({run.TruncatedBytes} bytes dropped); this host's facts are unreadable");
        }

        var output = FactsOutput.Parse(run.Stdout);
        foreach (var contribution in contributions)
        {
            contribution.Read(output.Find(contribution.Name));
        }

        var (systemPart, apiPart) = output.Without(contributed).SplitAt(FactsScripts.ApiPromptSection);
        if (!systemPart.Contains(FactsSections.BindErrors.Name))
        {
            throw new FactsException($"{shell.HostName}: the facts script did not complete (rc={run.ExitCode}): {Tail(run.Stderr + run.Stdout)}");
        }

        // A shell that cannot answer (the script then reads end of file and skips the API) still gets the configuration.
        stage ??= await SystemStageAsync(SystemFacts.Read(systemPart, _options), cancellationToken);
        var (system, runtime, parsed, configError, source) = (stage.System, stage.Runtime, stage.Parsed, stage.ConfigError, stage.Source);
        // An archive that arrived but could not be unpacked (malformed, beyond a limit) leaves the tree unread too.
        var archive = system.ConfTar.IsReadable && source is null && configError is not null
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [FactsSections.ConfTar.Name] = configError }
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = new UnreadableSections(system.Unreadable, archive);
        ApiFacts? api = null;
        string? eslError = null;
        if (endpoint is not null)
        {
            api = ApiFacts.Read(apiPart, endpoint, resolveAsked);
            unreadable = new UnreadableSections(system.Unreadable, archive, api.Unreadable);
            eslError = api.Error;
            if (eslError is null && run.ExitCode is 97)
            {
                eslError = Tail(run.Stderr);
            }

            if (api.Version is null && eslError is null && apiPart.Count == 0)
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
                (parsed, configError) = await ConfigTreeLoader.GatedAsync(() => ConfigTreeLoader.Parse(source, system.ConfDir, runtime), cancellationToken);
            }
        }

        return new FreeSwitchHostFacts
        {
            Host = shell.HostName,
            Hostname = system.Hostname,
            ConfDir = system.ConfDir,
            Config = parsed?.Settings,
            ConfigError = configError,
            Configuration = _options.KeepConfiguration ? parsed?.Configuration : null,
            ConfigCredentials = parsed?.Configuration is { } tree ? ConfigSecrets.Searchable(tree) : [],
            RuntimeVariables = runtime,
            FileModified = ConfigTreeLoader.FileTimes(source),
            Pid = system.Pid,
            Pids = system.Pids,
            StartedAt = system.StartedAt,
            Version = api?.Version,
            EslError = eslError,
            SofiaStatusText = api?.SofiaStatus,
            SofiaStatus = api?.Rows ?? [],
            ProfileStatus = Profiles(api?.Profiles ?? []),
            SocketSource = system.SocketSource,
            Sockets = system.Sockets,
            CaptureServerAddresses = api?.Resolved ?? [],
            EphemeralRange = system.EphemeralRange,
            ReservedPorts = system.ReservedPorts,
            BindErrors = system.BindErrors,
            ActiveCalls = api?.Calls,
            Warnings = system.Warnings,
            UnreadableSections = unreadable.Reasons,
        };
    }

    /// <summary>The ESL endpoint: the options' overrides, else event_socket.conf, else fs_cli's built-in defaults.</summary>
    internal EslEndpoint Endpoint(EffectiveSettings? config) => new(
        _options.EslHost ?? EslEndpoint.ConnectHost(config?.EslListenIp),
        _options.EslPort ?? config?.EslListenPort ?? 8021,
        _options.EslPassword ?? config?.EslPassword ?? new Secret("ClueCon"));

    /// <summary>Reads the output of the fast socket probe (<see cref="FactsScripts.Sockets"/>).</summary>
    internal static SocketFacts ParseSockets(IReadOnlyDictionary<string, string> sections) => SocketProbe.Read(FactsOutput.FromMap(sections));

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
        foreach (var (k, v) in _options.RuntimeVariables)
        {
            runtime[k] = v;
        }

        var (parsed, error, source) = await ConfigTreeLoader.GatedAsync(() => ConfigTreeLoader.Load(system, runtime, _options), cancellationToken);
        return new SystemStage(system, runtime, parsed, error, source);
    }

    /// <summary>The contributions' names, checked: each unique and none a section of the facts script.</summary>
    private static HashSet<string> ContributionNames(IReadOnlyList<FactsContribution> contributions)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contribution in contributions)
        {
            if (FactsScripts.IsOwnSection(contribution.Name) || !names.Add(contribution.Name))
            {
                throw new ArgumentException($"the facts contribution '{contribution.Name}' is named like another section");
            }
        }

        return names;
    }

    private static Dictionary<string, SofiaProfileStatus> Profiles(IEnumerable<SofiaProfileStatus> profiles)
    {
        var byName = new Dictionary<string, SofiaProfileStatus>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in profiles)
        {
            byName[p.Name] = p;
        }

        return byName;
    }

    private static string Tail(string text)
    {
        var t = text.Trim();
        return t.Length > 400 ? "..." + t[^400..] : t;
    }
}
