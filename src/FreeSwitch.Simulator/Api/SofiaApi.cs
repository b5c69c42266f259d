using System.Globalization;
using System.Text;
using FreeSwitch.Config.Model;
using FreeSwitch.Simulator.Hosting;
using FreeSwitch.Simulator.Sofia;

namespace FreeSwitch.Simulator.Api;

/// <summary>The <c>sofia</c> API of mod_sofia.c with its exact replies (facts §3 and §8).</summary>
internal sealed class SofiaApi(SimulatorHost host)
{
    public const string Line = "=================================================================================================";

    private const string Usage = "USAGE:\n" +
        "--------------------------------------------------------------------------------\n" +
        "sofia global siptrace <on|off>\n" +
        "sofia        capture  <on|off>\n" +
        "             watchdog <on|off>\n\n" +
        "sofia profile <name> [start | stop | restart | rescan] [wait]\n" +
        "                     flush_inbound_reg [<call_id> | <[user]@domain>] [reboot]\n" +
        "                     check_sync [<call_id> | <[user]@domain>]\n" +
        "                     [register | unregister] [<gateway name> | all]\n" +
        "                     killgw <gateway name>\n" +
        "                     [stun-auto-disable | stun-enabled] [true | false]]\n" +
        "                     siptrace <on|off>\n" +
        "                     capture  <on|off>\n" +
        "                     watchdog <on|off>\n\n" +
        "sofia <status|xmlstatus> profile <name> [reg [<contact str>]] | [pres <pres str>] | [user <user@domain>]\n" +
        "sofia <status|xmlstatus> gateway <name>\n\n" +
        "sofia loglevel <all|default|tport|iptsec|nea|nta|nth_client|nth_server|nua|soa|sresolv|stun> [0-9]\n" +
        "sofia tracelevel <console|alert|crit|err|warning|notice|info|debug>\n\n" +
        "sofia help\n" +
        "--------------------------------------------------------------------------------\n";

    public string Execute(string args)
    {
        var argv = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (argv.Length == 0)
        {
            return Usage;
        }

        return argv[0].ToLowerInvariant() switch
        {
            "profile" => Profile(argv[1..]),
            "status" => Status(argv[1..]),
            "help" => Usage,
            "global" => Global(argv[1..]),
            _ => $"Unknown Command [{argv[0]}]\n",
        };
    }

    private string Global(string[] argv)
    {
        int siptrace = -1, capture = -1, watchdog = -1, standby = -1;
        if (argv.Length > 0)
        {
            var sub = argv[0].ToLowerInvariant();
            if (sub == "debug")
            {
                var text = new StringBuilder();
                if (argv.Length > 1)
                {
                    if (argv[1].Contains("presence", StringComparison.Ordinal))
                    {
                        text.Append("+OK Debugging presence\n");
                    }

                    if (argv[1].Contains("sla", StringComparison.Ordinal))
                    {
                        text.Append("+OK Debugging sla\n");
                    }

                    if (argv[1].Contains("none", StringComparison.Ordinal))
                    {
                        text.Append("+OK Debugging nothing\n");
                    }
                }

                return text.Append("+OK Debugging summary: presence: off sla: off\n").ToString();
            }

            var value = argv.Length > 1 ? (FreeSwitchValues.IsTrue(argv[1]) ? 1 : 0) : -1;
            switch (sub)
            {
                case "siptrace":
                    siptrace = value;
                    break;
                case "capture":
                    capture = value;
                    break;
                case "watchdog":
                    watchdog = value;
                    break;
                case "standby":
                    standby = value;
                    break;
                default:
                    break;
            }
        }

        if (siptrace != -1)
        {
            foreach (var profile in host.RunningProfiles)
            {
                profile.SipTrace = siptrace == 1;
            }

            return $"+OK Global siptrace {OnOff(siptrace)}";
        }

        if (capture != -1)
        {
            // sofia_glue_global_capture(): every running profile, whatever its sip-capture.
            foreach (var profile in host.RunningProfiles)
            {
                profile.RequestCapture(capture == 1);
            }

            return $"+OK Global capture {OnOff(capture)}";
        }

        if (watchdog != -1)
        {
            return $"+OK Global watchdog {OnOff(watchdog)}";
        }

        if (standby != -1)
        {
            return $"+OK Global standby {OnOff(standby)}";
        }

        return "-ERR Usage: siptrace <on|off>|capture <on|off>|watchdog <on|off>|debug <sla|presence|none";
    }

    private static string OnOff(int value) => value == 1 ? "on" : "off";

    private string Profile(string[] argv)
    {
        if (argv.Length < 2)
        {
            return "Invalid Args!\n";
        }

        var name = argv[0];
        var action = argv[1].ToLowerInvariant();
        if (action == "start")
        {
            var err = host.ReloadXml();
            return $"Reload XML [{err}]\n" + (host.StartProfile(name) ? $"{name} started successfully\n" : $"Failure starting {name}\n");
        }

        if (host.FindProfile(name) is not { } profile)
        {
            return $"Invalid Profile [{name}]";
        }

        switch (action)
        {
            case "rescan":
                {
                    var err = host.ReloadXml();
                    return $"Reload XML [{err}]\n" + (host.Config.Sofia.GetProfile(profile.Name) is not null
                        ? "+OK scan complete\n"
                        : $"-ERR cannot find config for profile {profile.Name}\n");
                }

            case "stop":
            case "restart":
                {
                    const int MinimumUp = 10;
                    var up = (int)host.Core.Time.GetElapsedTime(profile.StartedAt).TotalSeconds;
                    if (up < MinimumUp)
                    {
                        var remain = MinimumUp - up;
                        return $"Profile {profile.Name} must be up for at least {MinimumUp} seconds to stop/restart.\nPlease wait {remain} second{(remain == 1 ? string.Empty : "s")}\n";
                    }

                    var err = host.ReloadXml();
                    if (action == "stop")
                    {
                        host.StopProfile(profile);
                        return $"Reload XML [{err}]\nstopping: {profile.Name}";
                    }

                    host.RestartProfile(profile);
                    return $"Reload XML [{err}]\nrestarting: {profile.Name}";
                }

            case "siptrace":
                if (argv.Length > 2)
                {
                    profile.SipTrace = FreeSwitchValues.IsTrue(argv[2]);
                    return $"{(profile.SipTrace ? "Enabled" : "Disabled")} sip debugging on {profile.Name}";
                }

                return "Usage: sofia profile <name> siptrace <on/off>\n";
            case "capture":
                if (argv.Length > 2)
                {
                    var on = FreeSwitchValues.IsTrue(argv[2]);
                    profile.RequestCapture(on);
                    return $"{(on ? "Enabled" : "Disabled")} sip capturing on {profile.Name}";
                }

                return "Usage: sofia profile <name> capture <on/off>\n";
            case "watchdog":
                if (argv.Length > 2)
                {
                    return $"{(FreeSwitchValues.IsTrue(argv[2]) ? "Enabled" : "Disabled")} sip debugging on {profile.Name}";
                }

                return "Usage: sofia profile <name> watchdog <on/off>\n";
            default:
                return "-ERR Unknown command!\n";
        }
    }

    private string Status(string[] argv)
    {
        if (argv.Length == 1)
        {
            var summary = new StringBuilder();
            summary.Append(Fmt("{0,25}\t{1,32}\t{2}\t{3,9}\t{4}\t{5}\n", "Profile::Gateway-Name", "    Data    ", "State", "Ping Time", "IB Calls(F/T)", "OB Calls(F/T)"));
            summary.Append(Line).Append('\n').Append(Line).Append('\n');
            summary.Append("0 gateways: Inbound(Failed/Total): 0/0,Outbound(Failed/Total):0/0\n");
            return summary.ToString();
        }

        if (argv.Length > 1)
        {
            if (argv[0].Equals("gateway", StringComparison.OrdinalIgnoreCase))
            {
                return "Invalid Gateway!\n";
            }

            if (!argv[0].Equals("profile", StringComparison.OrdinalIgnoreCase))
            {
                return "Invalid Syntax!\n";
            }

            return host.FindProfile(argv[1]) is { } profile ? ProfileStatus(profile, argv[1], argv.Length > 2 ? argv[2] : null) : "Invalid Profile!\n";
        }

        var text = new StringBuilder();
        text.Append(Fmt("{0,25}\t{1}\t  {2,40}\t{3}\n", "Name", "   Type", "Data", "State"));
        text.Append(Line).Append('\n');
        int profiles = 0, aliases = 0;
        foreach (var profile in host.RunningProfiles)
        {
            text.Append(Fmt("{0,25}\t{1}\t  {2,40}\t{3} ({4})\n", profile.Name, "profile", profile.Settings.Url, "RUNNING", profile.InUse));
            profiles++;
            foreach (var alias in profile.Settings.Aliases)
            {
                text.Append(Fmt("{0,25}\t{1}\t  {2,40}\t{3}\n", alias, "  alias", profile.Name, "ALIASED"));
                aliases++;
            }
        }

        text.Append(Line).Append('\n');
        text.Append(Fmt("{0} profile{1} {2} alias{3}\n", profiles, profiles == 1 ? string.Empty : "s", aliases, aliases == 1 ? string.Empty : "es"));
        return text.ToString();
    }

    private static string ProfileStatus(SofiaProfile profile, string askedName, string? sub)
    {
        var s = profile.Settings;
        var text = new StringBuilder();
        if (sub is null || (!sub.Equals("reg", StringComparison.OrdinalIgnoreCase) && !sub.Equals("user", StringComparison.OrdinalIgnoreCase)))
        {
            string P(string name, string fallback) => s.GetParam(name)?.Value is { Length: > 0 } v ? v : fallback;
            text.Append(Line).Append('\n');
            text.Append("Name             \t").Append(askedName).Append('\n');
            text.Append("Domain Name      \t").Append(P("domain-name", "N/A")).Append('\n');
            if (!askedName.Equals(profile.Name, StringComparison.Ordinal))
            {
                text.Append("Alias Of         \t").Append(profile.Name).Append('\n');
            }

            text.Append("Auto-NAT         \tfalse\n");
            text.Append("DBName           \t").Append(P("dbname", $"sofia_reg_{profile.Name}")).Append('\n');
            text.Append("Pres Hosts       \t").Append(P("presence-hosts", string.Empty)).Append('\n');
            text.Append("Dialplan         \t").Append(P("dialplan", "XML")).Append('\n');
            text.Append("Context          \t").Append(P("context", "public")).Append('\n');
            text.Append("Challenge Realm  \t").Append(P("challenge-realm", "auto_to")).Append('\n');
            foreach (var ip in s.RtpIps)
            {
                text.Append("RTP-IP           \t").Append(ip).Append('\n');
            }

            if (s.ExtRtpIp is { } extRtp)
            {
                text.Append("Ext-RTP-IP       \t").Append(extRtp).Append('\n');
            }

            text.Append("SIP-IP           \t").Append(s.SipIp).Append('\n');
            if (s.ExtSipIp is { } extSip)
            {
                text.Append("Ext-SIP-IP       \t").Append(extSip).Append('\n');
            }

            text.Append("URL              \t").Append(s.Url).Append('\n');
            text.Append("BIND-URL         \t").Append(s.BindUrl).Append('\n');
            if (WsUrl(s, "ws-binding", "sip", "ws") is { } ws)
            {
                text.Append("WS-BIND-URL     \t").Append(ws).Append('\n');
            }

            if (WsUrl(s, "wss-binding", "sips", "wss") is { } wss)
            {
                text.Append("WSS-BIND-URL     \t").Append(wss).Append('\n');
            }

            text.Append("HOLD-MUSIC       \t").Append(P("hold-music", "N/A")).Append('\n');
            text.Append("OUTBOUND-PROXY   \t").Append(P("outbound-proxy", "N/A")).Append('\n');
            text.Append("CODECS IN        \t").Append(P("inbound-codec-prefs", string.Empty)).Append('\n');
            text.Append("CODECS OUT       \t").Append(P("outbound-codec-prefs", string.Empty)).Append('\n');
            text.Append("TEL-EVENT        \t").Append(P("rfc2833-pt", "101")).Append('\n');
            text.Append("DTMF-MODE        \t").Append(P("dtmf-type", "rfc2833")).Append('\n');
            text.Append("CNG              \t").Append(P("cng-pt", "13")).Append('\n');
            text.Append("SESSION-TO       \t").Append(P("session-timeout", "0")).Append('\n');
            text.Append("MAX-DIALOG       \t").Append(P("max-proceeding", "0")).Append('\n');
            text.Append("NOMEDIA          \t").Append(Bool(s, "inbound-bypass-media")).Append('\n');
            text.Append("LATE-NEG         \t").Append(Bool(s, "inbound-late-negotiation")).Append('\n');
            text.Append("PROXY-MEDIA      \t").Append(Bool(s, "inbound-proxy-media")).Append('\n');
            text.Append("ZRTP-PASSTHRU    \t").Append(Bool(s, "inbound-zrtp-passthru")).Append('\n');
            text.Append("AGGRESSIVENAT    \t").Append(Bool(s, "aggressive-nat-detection")).Append('\n');
            text.Append("CALLS-IN         \t").Append(profile.CallsIn.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("FAILED-CALLS-IN  \t").Append(profile.FailedCallsIn.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("CALLS-OUT        \t").Append(profile.CallsOut.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("FAILED-CALLS-OUT \t").Append(profile.FailedCallsOut.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("REGISTRATIONS    \t0\n");
        }

        if (sub is not null && (sub.Equals("reg", StringComparison.OrdinalIgnoreCase) || sub.Equals("user", StringComparison.OrdinalIgnoreCase) || sub.Equals("pres", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append("\nRegistrations:\n").Append(Line).Append('\n');
            text.Append("Total items returned: 0\n").Append(Line).Append('\n');
        }

        return text.ToString();
    }

    private static string Bool(SipProfileSettings s, string name) => FreeSwitchValues.IsTrue(s.GetParam(name)?.Value) ? "true" : "false";

    private static string? WsUrl(SipProfileSettings s, string param, string scheme, string transport)
    {
        if (s.GetParam(param)?.Value is not { Length: > 0 } binding)
        {
            return null;
        }

        var colon = binding.LastIndexOf(':');
        var ip = colon > 0 ? binding[..colon] : s.SipIp;
        var port = colon >= 0 ? binding[(colon + 1)..] : binding;
        return $"{scheme}:mod_sofia@{ip}:{port};transport={transport}";
    }

    private static string Fmt(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
