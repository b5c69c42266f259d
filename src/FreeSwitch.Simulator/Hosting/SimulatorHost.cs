using System.Diagnostics;
using System.Globalization;
using FreeSwitch.Config;
using FreeSwitch.Config.Sources;
using FreeSwitch.Simulator.Api;
using FreeSwitch.Simulator.Esl;
using FreeSwitch.Simulator.Logging;
using FreeSwitch.Simulator.Sofia;

namespace FreeSwitch.Simulator.Hosting;

/// <summary>
/// The simulated FreeSWITCH process: loads the configuration, starts every sofia profile and the event socket, writes
/// RUN/freeswitch.pid once they are up, and shuts down on SIGTERM/SIGINT or the shutdown API (removing the pid file).
/// </summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly CommandLine _commandLine;
    private readonly ConfigLoadOptions _loadOptions;
    private readonly List<SofiaProfile> _profiles = [];
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventSocketServer? _eventSocket;
    private string? _pidFile;

    private SimulatorHost(CommandLine commandLine, ConfigLoadOptions loadOptions, CoreState core)
    {
        _commandLine = commandLine;
        _loadOptions = loadOptions;
        Core = core;
        Api = new ApiDispatcher(this);
    }

    public CoreState Core { get; }

    public ApiDispatcher Api { get; }

    public FreeSwitchConfiguration Config => Core.Config;

    public Task ShutdownRequested => _shutdown.Task;

    public IReadOnlyList<SofiaProfile> RunningProfiles
    {
        get
        {
            lock (_lock)
            {
                return [.. _profiles.Where(p => p.Running)];
            }
        }
    }

    /// <summary>Loads the configuration and opens the log. Throws <see cref="FreeSwitchConfigException"/> on bad XML.</summary>
    public static SimulatorHost Create(CommandLine commandLine, TimeProvider time)
    {
        Directory.CreateDirectory(commandLine.LogDir);
        Directory.CreateDirectory(commandLine.RunDir);
        var (v4, mask, v6) = LocalAddresses.Find();
        var options = new ConfigLoadOptions { ConfDir = Path.GetFullPath(commandLine.ConfDir), MainFile = commandLine.ConfigName };
        var runtime = options.RuntimeVariables;
        runtime["local_ip_v4"] = v4;
        runtime["local_mask_v4"] = mask;
        runtime["local_ip_v6"] = v6;
        runtime["hostname"] = Environment.MachineName;
        runtime["log_dir"] = Path.GetFullPath(commandLine.LogDir);
        runtime["run_dir"] = Path.GetFullPath(commandLine.RunDir);
        runtime["core_uuid"] = Guid.NewGuid().ToString("D");
        if (commandLine.DbDir is { } db)
        {
            runtime["db_dir"] = db;
        }

        foreach (var (name, value) in commandLine.Variables)
        {
            runtime[name] = value;
        }

        options.EnvironmentLookup = Environment.GetEnvironmentVariable;
        options.RunCommand = RunShell;
        foreach (var (name, value) in commandLine.Variables)
        {
            options.CommandResults[name] = value;
        }

        var log = new FsLog(Path.Combine(commandLine.LogDir, "freeswitch.log"), time);
        try
        {
            var config = FreeSwitchConfiguration.Load(new DirectoryConfigSource(), options);
            foreach (var warning in config.Warnings)
            {
                log.Log(FsLogLevel.Err, "switch_xml.c", 1482, warning.ToString());
            }

            var delayMs = commandLine.Variables.TryGetValue("sim_capture_delay_ms", out var d) && int.TryParse(d, CultureInfo.InvariantCulture, out var ms) ? ms : 100;
            var random = commandLine.Variables.TryGetValue("sim_random_seed", out var seed) && int.TryParse(seed, CultureInfo.InvariantCulture, out var s) ? new Random(s) : new Random();
            var core = new CoreState(log, time, config, random, TimeSpan.FromMilliseconds(delayMs));
            return new SimulatorHost(commandLine, options, core);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>Starts the profiles and the event socket, then writes the pid file.</summary>
    public void Start()
    {
        var log = Core.Log;
        log.Log(FsLogLevel.Info, "switch_core.c", 2463, $"Using Port Range {Core.Switch.RtpStartPort}-{Core.Switch.RtpEndPort}{(Core.Switch.RtpPortUsageRobustness ? " with robustness" : string.Empty)}");
        foreach (var settings in Config.Sofia.Profiles)
        {
            if (!settings.HasSettings)
            {
                log.Log(FsLogLevel.Err, "sofia.c", 4741, "No Settings, check the new config!");
                continue;
            }

            var profile = new SofiaProfile(settings, Core);
            lock (_lock)
            {
                _profiles.Add(profile);
            }

            profile.Start();
        }

        _eventSocket = new EventSocketServer(Config.EventSocket, Api, log, RequestShutdown);
        _eventSocket.Start();
        _pidFile = Path.Combine(_commandLine.RunDir, "freeswitch.pid");
        File.WriteAllText(_pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        log.Log(FsLogLevel.Console, "switch_core.c", 2505, "FreeSWITCH Started");
        log.Log(FsLogLevel.Console, "switch_core.c", 2512, $"Max Sessions [{Core.Switch.MaxSessions}]");
    }

    public void RequestShutdown() => _shutdown.TrySetResult();

    public SofiaProfile? FindProfile(string name)
    {
        lock (_lock)
        {
            return _profiles.FirstOrDefault(p => p.Running && (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                || p.Settings.Aliases.Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase))));
        }
    }

    /// <summary>reloadxml: re-reads the tree; sofia's capture-server takes the new value, the RTP range does not. Returns "Success" or the error.</summary>
    public string ReloadXml()
    {
        try
        {
            var config = FreeSwitchConfiguration.Load(new DirectoryConfigSource(), _loadOptions);
            Core.Config = config;
            Core.CaptureServerValue = config.Sofia.CaptureServerValue;
            Core.Log.Log(FsLogLevel.Info, "mod_commands.c", 2060, "Reloading XML");
            return "Success";
        }
        catch (FreeSwitchConfigException e)
        {
            Core.Log.Log(FsLogLevel.Err, "switch_xml.c", 2219, e.Message);
            return e.Message;
        }
    }

    /// <summary>sofia profile X start: starts a configured profile that is not running.</summary>
    public bool StartProfile(string name)
    {
        if (FindProfile(name) is not null || Config.Sofia.GetProfile(name) is not { HasSettings: true } settings)
        {
            return false;
        }

        var profile = new SofiaProfile(settings, Core);
        if (!profile.Start())
        {
            return false;
        }

        lock (_lock)
        {
            _profiles.RemoveAll(p => !p.Running && p.Name.Equals(settings.Name, StringComparison.OrdinalIgnoreCase));
            _profiles.Add(profile);
        }

        return true;
    }

    public void StopProfile(SofiaProfile profile) => _ = Task.Run(async () => await profile.DisposeAsync());

    /// <summary>sofia profile X restart: stops it and starts it again from the reloaded XML, on a background thread as mod_sofia does.</summary>
    public void RestartProfile(SofiaProfile profile) => _ = Task.Run(async () =>
    {
        await profile.DisposeAsync();
        lock (_lock)
        {
            _profiles.Remove(profile);
        }

        StartProfile(profile.Name);
    });

    public async ValueTask DisposeAsync()
    {
        Core.Log.Log(FsLogLevel.Console, "switch_core.c", 2988, "Shutting down");
        if (_eventSocket is not null)
        {
            await _eventSocket.DisposeAsync();
        }

        List<SofiaProfile> profiles;
        lock (_lock)
        {
            profiles = [.. _profiles];
        }

        foreach (var profile in profiles)
        {
            await profile.DisposeAsync();
        }

        if (_pidFile is not null)
        {
            File.Delete(_pidFile);
        }

        Core.Log.Log(FsLogLevel.Console, "switch_core.c", 3012, "FreeSWITCH has shut down");
        Core.Log.Dispose();
    }

    private static string? RunShell(string command)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
