using System.Globalization;

namespace FreeSwitch.FsCli;

/// <summary>
/// fs_cli -x: connect to the event socket, authenticate, run one API, print its body plus "\n", exit 0.
/// Errors are printed as libesl's logger prints them ("[ERROR] fs_cli.c:1699 main() Error Connecting [...]") and exit 255.
/// </summary>
internal static class Program
{
    private const string ErrorPrefix = "[ERROR] fs_cli.c:1699 main() ";

    private static int Main(string[] args)
    {
        string? host = null, password = null, command = null, profileName = null;
        int? port = null;
        var timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option '{arg}' requires an argument");
            try
            {
                switch (arg)
                {
                    case "-H" or "--host":
                        host = Value();
                        break;
                    case "-P" or "--port":
                        if (!int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) || p <= 0 || p >= 65536)
                        {
                            Console.WriteLine("ERROR: Port must be in range 1 - 65535");
                            return 255;
                        }

                        port = p;
                        break;
                    case "-p" or "--password":
                        password = Value();
                        break;
                    case "-x" or "--execute":
                        command = Value();
                        break;
                    case "-T" or "--connect-timeout":
                        timeout = TimeSpan.FromMilliseconds(int.Parse(Value(), CultureInfo.InvariantCulture));
                        break;
                    case "-t" or "--timeout" or "-l" or "--loglevel" or "-d" or "--debug" or "-u" or "--user":
                        _ = Value();
                        break;
                    case "-q" or "--quiet" or "-b" or "--batchmode" or "-n" or "--no-color" or "-r" or "--retry" or "-R" or "--reconnect" or "-i" or "--interrupt" or "-U" or "--log-uuid":
                        break;
                    case "-h" or "--help" or "-?":
                        Console.WriteLine("Usage: fs_cli [-H <host>] [-P <port>] [-p <secret>] -x <command> [<profile>]");
                        return 0;
                    default:
                        if (arg.StartsWith('-'))
                        {
                            Console.Error.WriteLine($"fs_cli: unrecognized option '{arg}'");
                            return 255;
                        }

                        profileName = arg;
                        break;
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"fs_cli: {e.Message}");
                return 255;
            }
        }

        if (command is null)
        {
            Console.Error.WriteLine("fs_cli (simulator): only -x <command> is supported; there is no interactive console.");
            return 255;
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        var files = new List<string>();
        if (!string.IsNullOrEmpty(home))
        {
            files.Add(Path.Combine(home, ".fs_cli_conf"));
        }

        files.Add("/etc/fs_cli.conf");
        var profile = CliProfile.Load(profileName ?? "default", files);
        host ??= profile.Host;
        port ??= profile.Port;
        password ??= profile.Password;

        EslClient client;
        try
        {
            client = EslClient.Connect(host, port.Value, password, timeout);
        }
        catch (EslException e)
        {
            Console.Error.Write($"{ErrorPrefix}Error Connecting [{e.Message}]\n");
            return 255;
        }

        using (client)
        {
            var reply = client.Api(command);
            if (reply?.Body is { } body)
            {
                Console.Out.Write(body + "\n");
            }
            else if (reply?.Header("Reply-Text") is { } text && text.StartsWith("-ERR", StringComparison.OrdinalIgnoreCase))
            {
                Console.Out.Write($"Error: {text[4..]}!\n");
            }
        }

        return 0;
    }
}
