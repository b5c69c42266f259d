using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Shell;
using Orchestrator.FreeSwitch.Facts.Sections;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// Composes the script <c>freeswitch_facts</c> runs per host (<see cref="Facts(FreeSwitchFactsOptions, IReadOnlyList{FactsContribution})"/>)
/// from the prelude and the sections of <see cref="FactsSections"/>: first everything that needs no password (config
/// tree, process, sockets, sysctls, log), then, once the controller has answered with the ESL password on standard input
/// only, the API (event socket from bash, or fs_cli), then the contributions of other layers.
/// </summary>
internal static class FactsScripts
{
    /// <summary>The section whose marker the facts script prints when it waits for the API answer (see <see cref="Facts(FreeSwitchFactsOptions)"/>).</summary>
    public const string ApiPromptSection = "api-credentials";

    public static string ApiPrompt => RemoteScript.Marker + ApiPromptSection;

    /// <summary>
    /// The system part alone (no API). Under bash 5 (every current distribution) the script reads /proc with builtins and
    /// keeps to about ten processes (find, tar, gzip, base64, ip, ls, grep, awk): on a host, each process costs more than
    /// the reads it replaces. Without bash, or with an older one, the POSIX variant gives the same sections.
    /// </summary>
    public static string System(FreeSwitchFactsOptions options) => Dispatch(SystemPosix(options), SystemPart(options, bash: true));

    /// <summary>The POSIX variant alone (tests compare it with the bash one).</summary>
    internal static string SystemPosix(FreeSwitchFactsOptions options) => SystemPart(options, bash: false);

    public static string Facts(FreeSwitchFactsOptions options) => Facts(options, []);

    /// <summary>
    /// The whole facts pass in one session (one login, one sudo): the system sections, then the <see cref="ApiPrompt"/> line,
    /// then the script reads its next stdin line. The controller parses the configuration from what it got so far and
    /// answers <c>skip</c>, or <c>api</c>, the capture host name to resolve (or an empty line), and the ESL host, port and
    /// password (one per line, a secret); the script then asks FreeSWITCH, from bash over one event-socket connection
    /// (or through fs_cli). The <paramref name="contributions"/> run last.
    /// </summary>
    public static string Facts(FreeSwitchFactsOptions options, IReadOnlyList<FactsContribution> contributions) =>
        WithContributions(
            Dispatch(SystemPart(options, bash: false) + ApiPart(options, bash: false), SystemPart(options, bash: true) + ApiPart(options, bash: true)),
            contributions);

    /// <summary>The fast probe the toggle polls with: process, UDP sockets and the two port sysctls (<see cref="SocketProbe"/>).</summary>
    public static string Sockets(string socketTable) => SocketProbe.Script(socketTable);

    /// <summary>True when <paramref name="name"/> is a section of the facts script itself.</summary>
    public static bool IsOwnSection(string name) =>
        name == ApiPromptSection || FactsSections.System.Concat(FactsSections.Api).Any(s => s.Name == name);

    /// <summary>What the controller writes when the script asks (<see cref="ApiPrompt"/>): the API, or nothing more.</summary>
    /// <param name="credentials">The ESL credentials (<see cref="Esl.FsCli.Credentials"/>), or null for no API.</param>
    /// <param name="captureHostToResolve">A capture-server host name to resolve on the host, or null.</param>
    public static Secret ApiAnswer(Secret? credentials, string? captureHostToResolve)
    {
        if (credentials is null)
        {
            return new Secret("skip\n");
        }

        if (captureHostToResolve?.Contains('\n', StringComparison.Ordinal) == true)
        {
            throw new ArgumentException("the capture host name must be one line");
        }

        return new Secret("api\n" + (captureHostToResolve ?? string.Empty) + "\n" + credentials.Reveal());
    }

    internal static string Sections(IEnumerable<ScriptSection> sections, bool bash) => string.Concat(sections.Select(s => s.Script(bash)));

    private static string SystemPart(FreeSwitchFactsOptions options, bool bash) => FactsPrelude.Facts(options, bash) + Sections(FactsSections.System, bash);

    /// <summary>
    /// bash 5 runs <paramref name="bash"/>; any other shell, or an older bash, runs <paramref name="posix"/>. The POSIX
    /// variant is in the script once, in a variable that bash gets as <c>$1</c>, rather than quoted again inside the bash
    /// one: sudo and the transport's <c>sh -c</c> quote the whole script twice more, and each level of nesting multiplies
    /// its quotes, past what one SSH exec request may carry.
    /// </summary>
    private static string Dispatch(string posix, string bash) =>
        "fsposix=" + ShellQuote.Quote(posix) + "\n"
        + "if command -v bash >/dev/null 2>&1; then exec bash -c "
        + ShellQuote.Quote("if [ \"${BASH_VERSINFO[0]}\" -lt 5 ]; then exec /bin/sh -c \"$1\"; fi\nset --\n" + bash)
        + " bash \"$fsposix\"; fi\n"
        + "eval \"$fsposix\"\n";

    private static string ApiPart(FreeSwitchFactsOptions options, bool bash)
    {
        var sb = new StringBuilder();
        sb.Append(RemoteScript.Section(ApiPromptSection)).Append('\n');
        sb.Append("fsgo=''; IFS= read -r fsgo\n");
        sb.Append("if [ \"$fsgo\" = api ]; then\nfsresolve=''; IFS= read -r fsresolve\n");
        if (bash && options.ApiClient == Esl.ApiClient.Esl)
        {
            // Already bash: the ESL client runs in this shell, and the profile names come from the reply without a file.
            sb.Append(Esl.FsCli.EslClient).Append(Sections(FactsSections.Api, bash: true)).Append("exec 3>&- 2>/dev/null\n");
        }
        else
        {
            sb.Append("(\n").Append(Esl.FsCli.Script(Sections(FactsSections.Api, bash: false), options.FsCliPath, options.ApiClient)).Append("\n)\n");
        }

        sb.Append("fi\n");
        return sb.ToString();
    }

    /// <summary>
    /// The facts script in a subshell (so that its <c>exec</c>, <c>cd</c>, locale and umask stay there, and its exit code
    /// is kept), then each contribution under its own marker.
    /// </summary>
    private static string WithContributions(string script, IReadOnlyList<FactsContribution> contributions)
    {
        if (contributions.Count == 0)
        {
            return script;
        }

        var sb = new StringBuilder();
        sb.Append("(\n").Append(script).Append("\n)\nfsfacts_rc=$?\n");
        foreach (var contribution in contributions)
        {
            sb.Append(RemoteScript.Section(contribution.Name)).Append('\n').Append(contribution.Script).Append('\n');
        }

        sb.Append("exit $fsfacts_rc\n");
        return sb.ToString();
    }
}
