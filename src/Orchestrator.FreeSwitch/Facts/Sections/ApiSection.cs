using System.Globalization;
using Orchestrator.FreeSwitch.Esl;

namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// A section of the API part: one <c>fsapi</c> command, whose reply is followed by an <c>rc</c> marker. The bash body
/// runs under bash 5's ESL client; the POSIX one inside <see cref="FsCli.Script"/> (fs_cli, or the ESL client of an
/// older bash), where <c>$fsdir</c> is a private temporary directory.
/// </summary>
internal abstract class ApiSection<T> : ScriptSection
{
    /// <summary>Parses one reply (trailing newlines removed); <paramref name="exitCode"/> is 0, or null when no rc marker followed.</summary>
    protected abstract SectionResult<T> Parse(string reply, int? exitCode);

    /// <summary>
    /// Each reply to this section's command, in order (none when the script never got there): unreadable, with fs_cli's
    /// own words, when the client could not connect or authenticate, or with the body's when it could not run.
    /// </summary>
    public IEnumerable<SectionResult<T>> ReadAll(FactsOutput output, EslEndpoint endpoint) =>
        output.Replies(Name).Select(r =>
        {
            var reply = FsCli.TrimReply(r.Text);
            if (r.ExitCode is not null and not 0)
            {
                return SectionResult<T>.Unreadable($"could not talk to the event socket at {endpoint} (exit {r.ExitCode.Value.ToString(CultureInfo.InvariantCulture)}): {reply.Trim()}");
            }

            return SectionText.UnreadableReason(reply) is { } reason ? SectionResult<T>.Unreadable(reason) : Parse(reply, r.ExitCode);
        });

    /// <summary>The last reply, or null when there was none.</summary>
    public SectionResult<T>? Read(FactsOutput output, EslEndpoint endpoint) => ReadAll(output, endpoint).LastOrDefault();
}
