using System.Globalization;
using FreeSwitch.Config.Model;
using Orchestrator.Engine.Modules;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>
/// <c>freeswitch_validate</c>: checks a host's FreeSWITCH variables on the controller, before anything is sent to any
/// host: the capture-server value exactly as sofia-sip parses it (facts §4: an invalid value opens no socket and is
/// logged only at debug level), the RTP range, the per-profile sip_capture flags. The playbooks run it in a first play
/// with <c>any_errors_fatal</c>, so one bad host stops the run before any host is touched.
/// </summary>
internal sealed class FreeSwitchValidateModule : Module
{
    public override string Name => "freeswitch_validate";

    public override bool NeedsConnection => false;

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add("capture_server", ArgumentType.String)
        .Add("capture_enabled", ArgumentType.Boolean)
        .Add("rtp_start_port", ArgumentType.Any)
        .Add("rtp_end_port", ArgumentType.Any)
        .Add("sip_capture", ArgumentType.Any)
        .Add("config_mode", ArgumentType.String);

    public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var problems = new List<string>();
        var checkedItems = new List<string>();
        var captureEnabled = !args.Has("capture_enabled") || args.GetBool("capture_enabled");
        if (args.GetString("capture_server") is { } server && captureEnabled)
        {
            if (CaptureServer.TryParse(server, out var parsed, out var error))
            {
                checkedItems.Add($"capture-server {server} (host {parsed!.Host}, port {parsed.Port}, hep {parsed.HepVersion}, capture_id {parsed.CaptureId})");
            }
            else
            {
                problems.Add($"capture-server '{server}' is invalid: {error} (sofia-sip would open no capture socket and log this only at debug level)");
            }
        }

        var start = Port(args.Get("rtp_start_port"), "rtp_start_port", problems);
        var end = Port(args.Get("rtp_end_port"), "rtp_end_port", problems);
        if (start is { } s && end is { } e)
        {
            if (s >= e)
            {
                problems.Add($"rtp_start_port {s} must be below rtp_end_port {e}");
            }
            else
            {
                checkedItems.Add($"RTP range {s}-{e}");
            }
        }

        switch (args.Get("sip_capture"))
        {
            case null:
                break;
            case Dictionary<string, object?> map:
                foreach (var (profile, value) in map)
                {
                    if (value is not bool && !(value is string text && text.ToLowerInvariant() is "yes" or "no" or "true" or "false"))
                    {
                        problems.Add($"sip_capture.{profile} must be yes/no (true/false), but is '{value}'");
                    }
                }

                checkedItems.Add($"sip_capture for {string.Join(", ", map.Keys)}");
                break;
            default:
                problems.Add("sip_capture must be a mapping of profile name to yes/no");
                break;
        }

        if (args.GetString("config_mode") is { } mode && mode is not ("template" or "xml"))
        {
            problems.Add($"freeswitch_config_mode must be 'template' or 'xml', but is '{mode}'");
        }

        return Task.FromResult(problems.Count > 0
            ? ModulePlan.Fail(string.Join("; ", problems))
            : ModulePlan.NoChange(checkedItems.Count == 0 ? "nothing to check" : "valid: " + string.Join("; ", checkedItems)));
    }

    private static long? Port(object? value, string name, List<string> problems)
    {
        long? port = value switch
        {
            null => null,
            long l => l,
            string s when long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => -1,
        };
        if (port is { } p && (p < 1024 || p > 65535))
        {
            problems.Add($"{name} must be a port from 1024 to 65535, but is '{value}'");
            return null;
        }

        return port;
    }
}
