using Orchestrator.Core.Errors;

namespace Orchestrator.Transport.SshConfig;

/// <summary>
/// An ssh_config file split into lines (OpenSSH's tokenising: <c>Keyword value</c> or <c>Keyword=value</c>,
/// double or single quotes, <c>#</c> comments). Values of the keywords the transport uses are validated
/// here, for every block, so a typo is reported with file:line whether or not its block applies.
/// </summary>
internal sealed class SshConfigFile
{
    private SshConfigFile(string path, IReadOnlyList<SshConfigLine> lines)
    {
        Path = path;
        Lines = lines;
    }

    public string Path { get; }

    public IReadOnlyList<SshConfigLine> Lines { get; }

    public static SshConfigFile Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UserInputException($"the ssh config file {path} {InputPath.IsADirectory}.", new SourceLocation(path, 0, 0));
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserInputException($"the ssh config file {path} does not exist.", new SourceLocation(path, 0, 0));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot read the ssh config file {path}: {ex.Message}", new SourceLocation(path, 0, 0));
        }

        return Parse(path, text);
    }

    public static SshConfigFile Parse(string path, string text)
    {
        var lines = new List<SshConfigLine>();
        var raw = text.Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            var line = raw[i].TrimEnd('\r');
            var start = 0;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            if (start == line.Length || line[start] == '#')
            {
                continue;
            }

            var keywordEnd = start;
            while (keywordEnd < line.Length && !char.IsWhiteSpace(line[keywordEnd]) && line[keywordEnd] != '=')
            {
                keywordEnd++;
            }

            var keyword = line[start..keywordEnd].ToLowerInvariant();
            var rest = keywordEnd;
            while (rest < line.Length && char.IsWhiteSpace(line[rest]))
            {
                rest++;
            }

            if (rest < line.Length && line[rest] == '=')
            {
                rest++;
            }

            var location = new SourceLocation(path, i + 1, start + 1);
            var args = Tokenize(line, rest, location);
            if (args.Count == 0)
            {
                throw new UserInputException($"'{line[start..keywordEnd]}' has no value; expected '{line[start..keywordEnd]} <value>'.", location);
            }

            var parsed = new SshConfigLine(keyword, args, location);
            Validate(parsed);
            lines.Add(parsed);
        }

        return new SshConfigFile(path, lines);
    }

    private static List<string> Tokenize(string line, int position, SourceLocation location)
    {
        var args = new List<string>();
        var i = position;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i >= line.Length || line[i] == '#')
            {
                break;
            }

            var token = new System.Text.StringBuilder();
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                var c = line[i];
                if (c is '"' or '\'')
                {
                    var close = line.IndexOf(c, i + 1);
                    if (close < 0)
                    {
                        throw new UserInputException($"unterminated {(c == '"' ? "double" : "single")} quote; expected a closing {c}.", location with { Column = i + 1 });
                    }

                    token.Append(line, i + 1, close - i - 1);
                    i = close + 1;
                }
                else if (c == '\\' && i + 1 < line.Length)
                {
                    token.Append(line[i + 1]);
                    i += 2;
                }
                else
                {
                    token.Append(c);
                    i++;
                }
            }

            args.Add(token.ToString());
        }

        return args;
    }

    public static void Validate(SshConfigLine line)
    {
        var value = line.Args[0];
        switch (line.Keyword)
        {
            case "port":
                if (!int.TryParse(value, out var port) || port is < 1 or > 65535)
                {
                    throw Invalid(line, "a port number from 1 to 65535");
                }

                break;
            case "stricthostkeychecking":
                if (ParseStrictHostKeyChecking(value) is null)
                {
                    throw Invalid(line, "yes, accept-new, no, off or ask");
                }

                break;
            case "hashknownhosts" or "passwordauthentication" or "pubkeyauthentication" or "kbdinteractiveauthentication":
                if (ParseYesNo(value) is null)
                {
                    throw Invalid(line, "yes or no");
                }

                break;
            case "connecttimeout" or "serveraliveinterval":
                if (!int.TryParse(value, out var seconds) || seconds < 0)
                {
                    throw Invalid(line, "a number of seconds");
                }

                break;
            case "proxyjump":
                _ = ProxyJumpSpec.Parse(value, line.Location);
                break;
            case "host":
                if (line.Args.Any(a => a.Length == 0 || a == "!"))
                {
                    throw Invalid(line, "one or more host patterns");
                }

                break;
        }
    }

    private static UserInputException Invalid(SshConfigLine line, string expected) =>
        new($"bad value '{string.Join(' ', line.Args)}' for {line.Keyword}; expected {expected}.", line.Location);

    public static HostKeyChecking? ParseStrictHostKeyChecking(string value) => value.ToLowerInvariant() switch
    {
        // "ask" would prompt on a terminal; an unattended run treats it as "yes".
        "yes" or "ask" or "true" => HostKeyChecking.Strict,
        "accept-new" => HostKeyChecking.AcceptNew,
        "no" or "off" or "false" => HostKeyChecking.Off,
        _ => null,
    };

    public static bool? ParseYesNo(string value) => value.ToLowerInvariant() switch
    {
        "yes" or "true" => true,
        "no" or "false" => false,
        _ => null,
    };
}
