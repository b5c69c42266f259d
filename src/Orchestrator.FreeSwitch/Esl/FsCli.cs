using System.Globalization;
using System.Net;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Esl;

/// <summary>Where fs_cli connects: the event socket's address as the host sees it, and the password (a secret).</summary>
public sealed record EslEndpoint(string Host, int Port, Secret Password)
{
    /// <summary>
    /// The address to connect to for a listen-ip: a wildcard (<c>::</c>, <c>0.0.0.0</c>, empty) is reached on
    /// 127.0.0.1, as fs_cli's own default does; anything else as written.
    /// </summary>
    public static string ConnectHost(string? listenIp)
    {
        if (string.IsNullOrWhiteSpace(listenIp))
        {
            return "127.0.0.1";
        }

        var ip = listenIp.Trim().Trim('[', ']');
        return IPAddress.TryParse(ip, out var a) && (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)) ? "127.0.0.1" : ip;
    }

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>One API command's reply, as fs_cli printed it.</summary>
public sealed record FsCliReply(string Command, string Body, int ExitCode)
{
    /// <summary>fs_cli itself failed (connection or authentication error, not installed): exit code not 0.</summary>
    public bool ClientFailed => ExitCode != 0;

    /// <summary>The API answered <c>-ERR ...</c> (or fs_cli failed).</summary>
    public bool Failed => ClientFailed || FsCliOutputParsers.IsError(Body);
}

/// <summary>
/// Runs API commands through the host's real <c>fs_cli</c> without putting the ESL password on any command
/// line: the script reads an fs_cli config file (<c>[default]</c> host/port/password) from its standard input
/// into a fresh 0700 directory and runs <c>HOME=that-dir fs_cli -x CMD</c>; fs_cli reads <c>~/.fs_cli_conf</c>
/// first (facts §7). The directory is removed when the script exits. <c>ps</c> shows only
/// <c>fs_cli -x CMD</c>.
/// </summary>
internal static class FsCli
{
    /// <summary>The standard input the script expects: the fs_cli config file, a secret.</summary>
    public static Secret ConfigFile(EslEndpoint endpoint) => new(
        "[default]\n"
        + $"host => {endpoint.Host}\n"
        + $"port => {endpoint.Port.ToString(CultureInfo.InvariantCulture)}\n"
        + $"password => {endpoint.Password.Reveal()}\n");

    /// <summary>Lines that set up the temporary config and define <c>fsapi CMD</c>, which prints the reply then an rc line.</summary>
    public static string Prelude(string fsCliPath) =>
        "umask 077\n"
        + "fsdir=$(mktemp -d 2>/dev/null || mktemp -d -t orchfs.XXXXXX) || { echo 'orchestrator: mktemp failed' >&2; exit 97; }\n"
        + "trap 'rm -rf \"$fsdir\"' EXIT\n"
        + "trap 'rm -rf \"$fsdir\"; exit 130' INT TERM\n"
        + "cat > \"$fsdir/.fs_cli_conf\"\n"
        + $"fsapi() {{ HOME=\"$fsdir\" {RemoteScript.Quote(fsCliPath)} -x \"$1\" 2>&1; fsrc=$?; printf '\\n%src %s\\n' '{RemoteScript.Marker}' \"$fsrc\"; }}\n";

    /// <summary>A script running each command in order, each in its own section.</summary>
    public static string Batch(string fsCliPath, IReadOnlyList<string> commands)
    {
        var sb = new StringBuilder(Prelude(fsCliPath));
        for (var i = 0; i < commands.Count; i++)
        {
            sb.Append(RemoteScript.Section("api " + i.ToString(CultureInfo.InvariantCulture))).Append('\n');
            sb.Append("fsapi ").Append(RemoteScript.Quote(commands[i])).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Reads the replies of a <see cref="Batch"/> script back, in command order.</summary>
    public static List<FsCliReply> ParseBatch(string output, IReadOnlyList<string> commands)
    {
        var sections = RemoteScript.Split(output);
        var replies = new List<FsCliReply>();
        for (var i = 0; i < commands.Count; i++)
        {
            var name = "api " + i.ToString(CultureInfo.InvariantCulture);
            var at = sections.FindIndex(s => s.Key == name);
            if (at < 0)
            {
                replies.Add(new FsCliReply(commands[i], string.Empty, -1));
                continue;
            }

            var body = sections[at].Value;
            var rc = at + 1 < sections.Count && sections[at + 1].Key.StartsWith("rc ", StringComparison.Ordinal)
                && int.TryParse(sections[at + 1].Key[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                ? code
                : -1;
            replies.Add(new FsCliReply(commands[i], TrimReply(body), rc));
        }

        return replies;
    }

    /// <summary>fs_cli prints the body plus a newline; the marker adds another. Keep the body as FreeSWITCH sent it, minus trailing newlines.</summary>
    public static string TrimReply(string body) => body.TrimEnd('\n', '\r');
}
