using System.Net;
using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Facts.Sections;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>What the API part of the facts script reports (after the controller's answer), read section by section.</summary>
/// <param name="Error">Why the event socket could not be used: the first reply that failed, in fs_cli's own words.</param>
/// <param name="Variables">The runtime variables the running process reported.</param>
/// <param name="Unreadable">The sections that could not be read, by name, with why.</param>
internal sealed record ApiFacts(
    string? Version,
    string? Error,
    string? SofiaStatus,
    IReadOnlyList<SofiaStatusRow> Rows,
    IReadOnlyList<SofiaProfileStatus> Profiles,
    long? Calls,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyList<IPAddress> Resolved,
    IReadOnlyDictionary<string, string> Unreadable)
{
    /// <param name="output">The API part of the output.</param>
    /// <param name="endpoint">Where the script talked to FreeSWITCH.</param>
    /// <param name="resolveAsked">The controller sent a capture host name to resolve: the <c>resolve</c> section is due.</param>
    public static ApiFacts Read(FactsOutput output, EslEndpoint endpoint, bool resolveAsked = false)
    {
        var unreadable = new UnreadableSections();
        var failures = new List<string>();
        T? Note<T>(ScriptSection section, SectionResult<T>? result)
        {
            if (result is null)
            {
                return default;
            }

            unreadable.Note(section, result);
            if (result.UnreadableReason is { } reason)
            {
                failures.Add(reason);
            }

            return result.ValueOr(default!);
        }

        // In script order: the first failure is what the client said when it could not connect or authenticate.
        var version = Note(FactsSections.Version, FactsSections.Version.Read(output, endpoint));
        // Once the API part printed anything, a section it did not print is unreadable, not empty.
        var status = Note(FactsSections.SofiaStatus, FactsSections.SofiaStatus.Read(output, endpoint) ?? Missing<SofiaStatusReply>(output));
        var calls = Note(FactsSections.Calls, FactsSections.Calls.Read(output, endpoint));
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in FactsSections.RuntimeVariables)
        {
            if (Note(section, section.Read(output, endpoint)) is { } value)
            {
                variables[section.Variable] = value;
            }
        }

        // A profile whose reply failed or was cut short is left out, as a profile that is not running.
        var profiles = FactsSections.ProfileStatus.ReadAll(output, endpoint).Where(r => r.IsReadable).Select(r => r.Value).ToList();
        var resolve = FactsSections.Resolve.Read(output, endpoint) ?? (resolveAsked ? Missing<IReadOnlyList<IPAddress>>(output) : null);
        var resolved = resolve is null ? [] : unreadable.Note(FactsSections.Resolve, resolve).ValueOr([]);
        return new ApiFacts(version, failures.FirstOrDefault(), status?.Text, status?.Rows ?? [], profiles, calls, variables, resolved, unreadable.Reasons);
    }

    private static SectionResult<T>? Missing<T>(FactsOutput output) =>
        output.Count > 0 ? SectionResult<T>.Unreadable(FactsSection<T>.NotPrinted) : null;
}
