using System.Formats.Tar;
using System.Globalization;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Shell;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.Compliance.Facts;

/// <summary>
/// Wraps the shell the FreeSWITCH facts collector runs its scripts through, and appends the policy's own commands
/// to the collector's first script, so service and command checks cost no extra round trip. The collector sees its
/// own output unchanged: everything after our first marker is cut off before it is handed back. Each command runs
/// in its own <c>sh -c</c> with a timeout and stdin from /dev/null; the outputs come back base64-encoded (a tar of them),
/// so no output can be mistaken for a marker.
/// </summary>
internal sealed class ProbeBatchingShell(IRemoteShell inner, IReadOnlyList<ProbeRequest> probes, TimeSpan probeTimeout) : IRemoteShell
{
    internal const string Marker = "@@orchestrator-compliance@@";
    private const int OutputLimit = 65536;
    private readonly Dictionary<string, ProbeResult> _results = new(StringComparer.Ordinal);
    private bool _appended;

    public string HostName => inner.HostName;

    /// <summary>The probes' results (empty until the first script ran).</summary>
    public IReadOnlyDictionary<string, ProbeResult> Results => _results;

    public async Task<CommandResult> RunAsync(string script, Secret? stdin, StdinReply? reply, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (_appended || probes.Count == 0)
        {
            return await inner.RunAsync(script, stdin, reply, timeout, cancellationToken);
        }

        _appended = true;
        var result = await inner.RunAsync(Compose(script, probes, probeTimeout), stdin, reply, timeout, cancellationToken);
        var (own, parsed) = Split(result.Stdout);
        foreach (var (index, value) in parsed)
        {
            if (index < probes.Count)
            {
                _results[probes[index].Key] = value;
            }
        }

        return result with { Stdout = own };
    }

    /// <summary>
    /// The collector's script in a subshell (its exit code kept), then the probes. Each writes its stdout and stderr to
    /// files in a private temporary directory; one <c>truncate</c> caps them, and one <c>tar | base64</c> brings them all
    /// back on a single marker line, with the exit codes on another. Process creation is what a pass costs on a host, so
    /// that is three processes for the batch instead of four per probe.
    /// </summary>
    internal static string Compose(string script, IReadOnlyList<ProbeRequest> probes, TimeSpan probeTimeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(probeTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("(\n").Append(script).Append("\n)\n__orc_rc=$?\n");
        sb.Append("__orc_d=$(mktemp -d 2>/dev/null) || { __orc_d=/tmp/orc-compliance.$$; mkdir -p -m 700 \"$__orc_d\"; }\n");
        sb.Append("__orc_codes=''\n");
        for (var i = 0; i < probes.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sb.Append("timeout -k 2 ").Append(seconds).Append(" sh -c ").Append(ShellQuote.Quote(probes[i].Command))
                .Append(" </dev/null >\"$__orc_d/").Append(n).Append(".o\" 2>\"$__orc_d/").Append(n).Append(".e\"; __orc_codes=\"$__orc_codes $?\"\n");
        }

        sb.Append("truncate -s '<").Append(OutputLimit.ToString(CultureInfo.InvariantCulture)).Append("' \"$__orc_d\"/* 2>/dev/null\n");
        sb.Append("printf '\\n%s codes%s\\n' '").Append(Marker).Append("' \"$__orc_codes\"\n");
        sb.Append("printf '%s outputs ' '").Append(Marker).Append("'; tar -cf - -C \"$__orc_d\" . 2>/dev/null | { base64 -w0 2>/dev/null || base64 | tr -d '\\n'; }; echo\n");
        sb.Append("rm -rf \"$__orc_d\"\nexit $__orc_rc\n");
        return sb.ToString();
    }

    /// <summary>Cuts the output at our first marker line: the collector's part, and the probes' results (by probe index).</summary>
    internal static (string Own, Dictionary<int, ProbeResult> Results) Split(string stdout)
    {
        var results = new Dictionary<int, ProbeResult>();
        var first = stdout.IndexOf("\n" + Marker + " ", StringComparison.Ordinal);
        if (first < 0)
        {
            return (stdout, results);
        }

        int[] codes = [];
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stdout[(first + 1)..].Split('\n'))
        {
            if (line.StartsWith(Marker + " codes", StringComparison.Ordinal))
            {
                codes = line[(Marker.Length + " codes".Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rc) ? rc : -1).ToArray();
            }
            else if (line.StartsWith(Marker + " outputs ", StringComparison.Ordinal))
            {
                ReadOutputs(line[(Marker.Length + " outputs ".Length)..].TrimEnd('\r'), outputs);
            }
        }

        for (var i = 0; i < codes.Length; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            results[i] = new ProbeResult(codes[i], outputs.GetValueOrDefault(n + ".o", string.Empty), outputs.GetValueOrDefault(n + ".e", string.Empty));
        }

        return (stdout[..first] + "\n", results);
    }

    private static void ReadOutputs(string base64, Dictionary<string, string> outputs)
    {
        try
        {
            using var reader = new TarReader(new MemoryStream(Convert.FromBase64String(base64)));
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                {
                    using var text = new StreamReader(data, Encoding.UTF8);
                    outputs[Path.GetFileName(entry.Name)] = text.ReadToEnd();
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            // Not ours after all, or cut short: the checks report those probes as not run.
        }
    }
}
