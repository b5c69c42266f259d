namespace FreeSwitch.Simulator.Hosting;

/// <summary>
/// FreeSWITCH's command line (src/switch.c). The simulator always runs in the foreground: -nf, -nc, -nonat, -u, -g, -db,
/// -ncwait, -rp/-lp/-np and friends are accepted and change nothing. <c>-var name=value</c> (repeatable) is the
/// simulator's own addition: it overrides a runtime variable such as local_ip_v4 before pre-processing.
/// </summary>
internal sealed class CommandLine
{
    public string ConfDir { get; private set; } = "/etc/freeswitch";

    public string LogDir { get; private set; } = "/var/log/freeswitch";

    public string RunDir { get; private set; } = "/var/run/freeswitch";

    public string? DbDir { get; private set; }

    public string ConfigName { get; private set; } = "freeswitch.xml";

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public bool ShowVersion { get; private set; }

    public bool ShowHelp { get; private set; }

    public static CommandLine Parse(string[] args, out string? error)
    {
        var result = new CommandLine();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"Option '{arg}' needs a value");
                }

                return args[++i];
            }

            try
            {
                switch (arg)
                {
                    case "-conf":
                        result.ConfDir = Value();
                        break;
                    case "-log":
                        result.LogDir = Value();
                        break;
                    case "-run":
                        result.RunDir = Value();
                        break;
                    case "-db":
                        result.DbDir = Value();
                        break;
                    case "-cfgname":
                        result.ConfigName = Value();
                        break;
                    case "-base" or "-mod" or "-temp" or "-scripts" or "-htdocs" or "-storage" or "-cache" or "-recordings" or "-grammar" or "-certs" or "-sounds" or "-u" or "-g":
                        _ = Value();
                        break;
                    case "-var":
                        {
                            var assignment = Value();
                            var eq = assignment.IndexOf('=');
                            if (eq <= 0)
                            {
                                throw new ArgumentException($"-var wants name=value, got '{assignment}'");
                            }

                            result.Variables[assignment[..eq]] = assignment[(eq + 1)..];
                            break;
                        }

                    case "-nf" or "-nc" or "-c" or "-nonat" or "-nonatmap" or "-ncwait" or "-nosql" or "-heavy-timer" or "-rp" or "-lp" or "-np" or "-hp" or "-vg" or "-core" or "-reincarnate" or "-reincarnate-reexec" or "-elegant-term" or "-nocal" or "-nort" or "-stop":
                        if (arg == "-stop")
                        {
                            throw new ArgumentException("-stop is not supported by the simulator: send SIGTERM to the pid in RUN/freeswitch.pid");
                        }

                        break;
                    case "-version":
                        result.ShowVersion = true;
                        break;
                    case "-help" or "-h" or "--help":
                        result.ShowHelp = true;
                        break;
                    default:
                        throw new ArgumentException($"Unknown option '{arg}', see 'freeswitch -help' for a list of valid options");
                }
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return result;
            }
        }

        return result;
    }

    public const string Usage = """
        Usage: freeswitch [OPTIONS]

        FreeSWITCH simulator (the project's stand-in for FreeSWITCH 1.10.12).

        	-nf                    -- no forking (always the case here)
        	-nc                    -- no console (accepted)
        	-nonat                 -- disable auto nat detection (always the case here)
        	-u [user] -g [group]   -- accepted and ignored
        	-conf [confdir]        -- alternate directory for FreeSWITCH configuration files
        	-log [logdir]          -- alternate directory for logfiles
        	-run [rundir]          -- alternate directory for runtime files (freeswitch.pid)
        	-db [dbdir]            -- accepted and ignored
        	-cfgname [filename]    -- alternate filename for FreeSWITCH main configuration file
        	-var [name=value]      -- simulator only: set a runtime variable (local_ip_v4, hostname, ...)
        	-version               -- print the version and exit
        """;
}
