using System.Globalization;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Shell;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Esl;

/// <summary>
/// Runs API commands on a host without putting the ESL password on any command line. The script reads
/// <c>host</c>, <c>port</c> and <c>password</c> (one per line) from its standard input, then either
/// <list type="bullet">
/// <item>talks ESL itself from bash over one <c>/dev/tcp</c> connection for the whole batch (auth/request, <c>auth</c>,
/// then <c>api CMD</c> per command, bodies read by Content-Length; facts §7), so a batch of ten commands costs one
/// connection, not ten fs_cli processes; or</item>
/// <item>makes <c>~/.fs_cli_conf</c> a named pipe in a fresh 0700 directory and runs <c>HOME=that-dir fs_cli -x CMD</c>
/// while a background <c>printf</c> writes the <c>[default]</c> host/port/password profile into the pipe: fs_cli reads
/// <c>~/.fs_cli_conf</c> first (facts §7), and the password never lands on disk, so nothing is left behind even when the
/// script is killed with SIGKILL (the controller died, the connection was cut, a timeout).</item>
/// </list>
/// Either way <c>ps</c> shows only <c>bash -c ...</c> or <c>fs_cli -x CMD</c>, the password only ever passes through
/// stdin, a pipe and shell builtins (printf), and the temporary directory is removed when the script exits or gets
/// SIGHUP, SIGINT, SIGTERM or SIGPIPE (what a lost connection delivers). Both print each reply body plus a newline
/// (as fs_cli does), then an <c>rc</c> marker.
/// </summary>
internal static class FsCli
{
    /// <summary>The standard input every API script expects: host, port and password, one per line. A secret.</summary>
    public static Secret Credentials(EslEndpoint endpoint)
    {
        var password = endpoint.Password.Reveal();
        if (password.Contains('\n', StringComparison.Ordinal) || endpoint.Host.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("the ESL host and password must be one line each");
        }

        return new Secret($"{endpoint.Host}\n{endpoint.Port.ToString(CultureInfo.InvariantCulture)}\n{password}\n");
    }

    /// <summary>
    /// Wraps <paramref name="body"/> (POSIX shell that calls <c>fsapi CMD</c> and may use <c>$fsdir</c>) into a complete
    /// script: bash's ESL client when <paramref name="client"/> is <see cref="ApiClient.Esl"/> and bash exists, fs_cli otherwise.
    /// </summary>
    public static string Script(string body, string fsCliPath, ApiClient client)
    {
        var common =
            "umask 077\n"
            + "fsdir=$(mktemp -d 2>/dev/null || mktemp -d -t orchfs.XXXXXX) || { echo 'orchestrator: mktemp failed' >&2; exit 97; }\n"
            + "trap 'rm -rf \"$fsdir\"' EXIT\n"
            + "trap 'rm -rf \"$fsdir\"; exit 130' HUP INT TERM PIPE\n";
        var viaFsCli = common
            + "IFS= read -r fshost; IFS= read -r fsport; IFS= read -r fspw\n"
            + "mkfifo \"$fsdir/.fs_cli_conf\" || { echo 'orchestrator: mkfifo failed' >&2; exit 97; }\n"
            + "fsapi() {\n"
            // The writer waits for fs_cli to open the pipe; killed if fs_cli never does (not installed, crashed).
            + "  printf '[default]\\nhost => %s\\nport => %s\\npassword => %s\\n' \"$fshost\" \"$fsport\" \"$fspw\" > \"$fsdir/.fs_cli_conf\" & fsw=$!\n"
            + $"  HOME=\"$fsdir\" {ShellQuote.Quote(fsCliPath)} -x \"$1\" 2>&1; fsrc=$?\n"
            + "  kill \"$fsw\" 2>/dev/null; wait \"$fsw\" 2>/dev/null\n"
            + $"  printf '\\n%src %s\\n' '{RemoteScript.Marker}' \"$fsrc\"\n"
            + "}\n"
            + body;
        if (client == ApiClient.FsCli)
        {
            return viaFsCli;
        }

        var viaEsl = common + EslClient + body;
        return $"if command -v bash >/dev/null 2>&1; then exec bash -c {ShellQuote.Quote(viaEsl)}; fi\n" + viaFsCli;
    }

    /// <summary>A script running each command in order, each in its own section.</summary>
    public static string Batch(string fsCliPath, IReadOnlyList<string> commands, ApiClient client)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < commands.Count; i++)
        {
            sb.Append(RemoteScript.Section("api " + i.ToString(CultureInfo.InvariantCulture))).Append('\n');
            sb.Append("fsapi ").Append(ShellQuote.Quote(commands[i])).Append('\n');
        }

        return Script(sb.ToString(), fsCliPath, client);
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

    /// <summary>The body as FreeSWITCH sent it, minus trailing newlines (fs_cli and the ESL client add one, the marker another).</summary>
    public static string TrimReply(string body) => body.TrimEnd('\n', '\r');

    /// <summary>
    /// The bash ESL client: connects once, authenticates with the password read from stdin, and defines <c>fsapi</c>.
    /// Failures print fs_cli's own words (<c>Error Connecting [Authentication Error]</c>, <c>[Socket Connection Error]</c>) and rc 255.
    /// </summary>
    internal static readonly string EslClient =
        "export LC_ALL=C\n"
        + "IFS= read -r fshost; IFS= read -r fsport; IFS= read -r fspw\n"
        + "fserr=\n"
        + "fshdr() {\n"
        + "  fstype=; fslen=0; fsreply=; local line\n"
        + "  while IFS= read -r -t 30 line <&3; do\n"
        + "    line=${line%$'\\r'}\n"
        + "    if [[ -z $line ]]; then [[ -n $fstype ]] && return 0; continue; fi\n"
        + "    case $line in\n"
        + "      Content-Type:*) fstype=${line#Content-Type: } ;;\n"
        + "      Content-Length:*) fslen=${line#Content-Length: } ;;\n"
        + "      Reply-Text:*) fsreply=${line#Reply-Text: } ;;\n"
        + "    esac\n"
        + "  done\n"
        + "  return 1\n"
        + "}\n"
        + "if ! exec 3<>\"/dev/tcp/$fshost/$fsport\"; then fserr='[ERROR] fs_cli.c:1699 main() Error Connecting [Socket Connection Error]'\n"
        + "elif ! fshdr || [[ $fstype != auth/request ]]; then fserr='[ERROR] fs_cli.c:1699 main() Error Connecting [no auth/request]'\n"
        + "else\n"
        + "  printf 'auth %s\\n\\n' \"$fspw\" >&3\n"
        + "  if ! fshdr || [[ $fsreply != +OK* ]]; then fserr='[ERROR] fs_cli.c:1699 main() Error Connecting [Authentication Error]'; fi\n"
        + "fi 2>/dev/null\n"
        + "unset fspw\n"
        + "fsapi() {\n"
        + "  local body=\n"
        + "  if [[ -z $fserr ]]; then\n"
        + "    printf 'api %s\\nconsole_execute: true\\n\\n' \"$1\" >&3\n"
        + "    while fshdr; do\n"
        + "      body=; if (( fslen > 0 )); then IFS= read -r -d '' -N \"$fslen\" -t 30 body <&3; fi\n"
        + "      [[ $fstype == api/response ]] && break\n"
        + "      [[ $fstype == text/disconnect-notice ]] && { fserr='[ERROR] disconnected by FreeSWITCH'; break; }\n"
        + "    done\n"
        + "    if [[ $fstype != api/response ]]; then fserr=${fserr:-'[ERROR] no reply from the event socket'}; fi\n"
        + "  fi\n"
        + $"  if [[ -n $fserr ]]; then printf '%s\\n\\n%src 255\\n' \"$fserr\" '{RemoteScript.Marker}'; return; fi\n"
        + "  fslast=$body\n"
        + $"  printf '%s\\n\\n%src 0\\n' \"$body\" '{RemoteScript.Marker}'\n"
        + "}\n";
}
