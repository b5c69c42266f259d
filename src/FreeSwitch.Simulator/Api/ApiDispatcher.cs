using System.Globalization;
using System.Text;
using FreeSwitch.Simulator.Hosting;

namespace FreeSwitch.Simulator.Api;

/// <summary>The APIs the simulator knows (mod_commands and mod_sofia), with FreeSWITCH's replies.</summary>
internal sealed class ApiDispatcher(SimulatorHost host)
{
    private readonly SofiaApi _sofia = new(host);

    /// <summary>Runs "name args"; <see cref="ApiResult.NotFound"/> for an unknown API.</summary>
    public ApiResult Execute(string commandLine)
    {
        var line = commandLine.Trim();
        var space = line.IndexOf(' ');
        var name = space < 0 ? line : line[..space];
        var args = space < 0 ? string.Empty : line[(space + 1)..].Trim();
        return name.ToLowerInvariant() switch
        {
            "sofia" => new ApiResult(_sofia.Execute(args)),
            "status" => new ApiResult(Status()),
            "version" => new ApiResult($"FreeSWITCH Version {CoreState.Version} (-release 64bit)\n"),
            "reloadxml" => new ApiResult(ReloadXml()),
            "global_getvar" => new ApiResult(host.Config.Variables.TryGetValue(args, out var value) ? value : string.Empty),
            "hostname" => new ApiResult(host.Config.Variables.TryGetValue("hostname", out var hostname) ? hostname : string.Empty),
            "show" => new ApiResult(Show(args)),
            "shutdown" => new ApiResult("+OK\n", Shutdown: true),
            _ => ApiResult.NotFound,
        };
    }

    private string ReloadXml()
    {
        var result = host.ReloadXml();
        return result == "Success" ? "+OK [Success]\n" : $"-ERR [{result}]\n";
    }

    private string Show(string args)
    {
        var argv = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (argv.Length >= 2 && argv[1].Equals("count", StringComparison.OrdinalIgnoreCase)
            && argv[0].ToLowerInvariant() is "calls" or "channels" or "detailed_calls" or "bridged_calls")
        {
            return $"\n{host.Core.ActiveSessions.ToString(CultureInfo.InvariantCulture)} total.\n";
        }

        return "-USAGE: codec|endpoint|application|api|dialplan|file|timer|calls [count]|channels [count|like <match string>]|calls|detailed_calls|bridged_calls|detailed_bridged_calls|aliases|complete|chat|management|modules|nat_map|say|interfaces|interface_types|tasks|limits|status\n";
    }

    private string Status()
    {
        var core = host.Core;
        var up = core.Time.GetElapsedTime(core.StartedAt);
        var years = up.Days / 365;
        var days = up.Days % 365;
        var micro = (int)(up.Ticks % TimeSpan.TicksPerMillisecond / 10);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture,
            $"UP {years} year{Plural(years)}, {days} day{Plural(days)}, {up.Hours} hour{Plural(up.Hours)}, {up.Minutes} minute{Plural(up.Minutes)}, " +
            $"{up.Seconds} second{Plural(up.Seconds)}, {up.Milliseconds} millisecond{Plural(up.Milliseconds)}, {micro} microsecond{Plural(micro)}\n");
        s.Append(CultureInfo.InvariantCulture, $"FreeSWITCH (Version {CoreState.VersionHuman}) is ready\n");
        s.Append(CultureInfo.InvariantCulture, $"{core.SessionsSinceStartup} session(s) since startup\n");
        s.Append(CultureInfo.InvariantCulture, $"{core.ActiveSessions} session(s) - peak {core.PeakSessions}, last 5min {core.PeakSessions} \n");
        s.Append(CultureInfo.InvariantCulture, $"0 session(s) per Sec out of max {core.Switch.SessionsPerSecond}, peak 0, last 5min 0 \n");
        s.Append(CultureInfo.InvariantCulture, $"{core.Switch.MaxSessions} session(s) max\n");
        s.Append(CultureInfo.InvariantCulture, $"min idle cpu {core.Switch.MinIdleCpu:0.00}/{IdleCpu():0.00}\n");
        s.Append("Current Stack Size/Max 240K/8192K\n");
        return s.ToString();
    }

    private static string Plural(int n) => n == 1 ? string.Empty : "s";

    private static double IdleCpu()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var total = fields.Skip(1).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
            return total == 0 ? 100 : 100.0 * long.Parse(fields[4], CultureInfo.InvariantCulture) / total;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
