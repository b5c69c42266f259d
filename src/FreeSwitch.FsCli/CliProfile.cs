using System.Globalization;

namespace FreeSwitch.FsCli;

/// <summary>
/// fs_cli's connection profile: the built-in one (127.0.0.1:8021, ClueCon), or a [section] of the first config file
/// that exists: ~/.fs_cli_conf, else /etc/fs_cli.conf (libs/esl/fs_cli.c read_config()).
/// </summary>
internal sealed class CliProfile
{
    public string Name { get; set; } = "internal";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8021;

    public string Password { get; set; } = "ClueCon";

    public static CliProfile Load(string name, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                continue;
            }

            // The first file that opens is the only one read.
            return Read(file, name) ?? new CliProfile();
        }

        return new CliProfile();
    }

    private static CliProfile? Read(string file, string wanted)
    {
        CliProfile? current = null;
        CliProfile? found = null;
        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = new CliProfile { Name = line[1..^1].Trim() };
                if (found is null && current.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                {
                    found = current;
                }

                continue;
            }

            var eq = line.IndexOf("=>", StringComparison.Ordinal) is var arrow and >= 0 ? arrow : line.IndexOf('=');
            if (current is null || eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim();
            var value = line[(eq + (line[eq] == '=' && eq + 1 < line.Length && line[eq + 1] == '>' ? 2 : 1))..].Trim();
            switch (key.ToLowerInvariant())
            {
                case "host":
                    current.Host = value;
                    break;
                case "port":
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port > 0)
                    {
                        current.Port = port;
                    }

                    break;
                case "password":
                    current.Password = value;
                    break;
                default:
                    break;
            }
        }

        return found;
    }
}
