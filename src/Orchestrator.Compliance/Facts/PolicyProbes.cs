using System.Formats.Tar;
using System.Globalization;
using System.Text;
using Orchestrator.Core.Shell;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.Compliance.Facts;

/// <summary>
/// The policy's own commands (service and command checks), contributed to the FreeSWITCH facts session so they cost no
/// extra round trip. Each command runs in its own <c>sh -c</c> with a timeout and stdin from /dev/null, writing its
/// stdout and stderr to files in a private temporary directory; one <c>truncate</c> caps them, and one
/// <c>tar | base64</c> brings them all back on one line (so no output can be mistaken for a marker), the exit codes on
/// another. Process creation is what a pass costs on a host: three processes for the batch instead of four per probe.
/// </summary>
internal sealed class PolicyProbes(IReadOnlyList<ProbeRequest> probes, TimeSpan probeTimeout) : FactsContribution(SectionName)
{
    internal const string SectionName = "policy_probes";
    private const int OutputLimit = 65536;
    private const string CodesPrefix = "codes";
    private readonly Dictionary<string, ProbeResult> _results = new(StringComparer.Ordinal);

    /// <summary>The probes' results, by probe key: empty until the session ended, and for the probes that did not run.</summary>
    public IReadOnlyDictionary<string, ProbeResult> Results => _results;

    public override string Script
    {
        get
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(probeTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            sb.Append("__orc_d=$(mktemp -d 2>/dev/null) || { __orc_d=/tmp/orc-compliance.$$; mkdir -p -m 700 \"$__orc_d\"; }\n");
            sb.Append("__orc_codes=''\n");
            for (var i = 0; i < probes.Count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                sb.Append("timeout -k 2 ").Append(seconds).Append(" sh -c ").Append(ShellQuote.Quote(probes[i].Command))
                    .Append(" </dev/null >\"$__orc_d/").Append(n).Append(".o\" 2>\"$__orc_d/").Append(n).Append(".e\"; __orc_codes=\"$__orc_codes $?\"\n");
            }

            sb.Append("truncate -s '<").Append(OutputLimit.ToString(CultureInfo.InvariantCulture)).Append("' \"$__orc_d\"/* 2>/dev/null\n");
            sb.Append("printf '").Append(CodesPrefix).Append("%s\\n' \"$__orc_codes\"\n");
            sb.Append("tar -cf - -C \"$__orc_d\" . 2>/dev/null | { base64 -w0 2>/dev/null || base64 | tr -d '\\n'; }; echo\n");
            sb.Append("rm -rf \"$__orc_d\"");
            return sb.ToString();
        }
    }

    /// <summary>
    /// Reads the exit codes line and the outputs line; a section missing leaves the probes not run, outputs cut short are
    /// marked unreadable (<see cref="ProbeResult.OutputUnreadable"/>).
    /// </summary>
    public override void Read(string? text)
    {
        if (text is null)
        {
            return;
        }

        var lines = text.Split('\n');
        if (!lines[0].StartsWith(CodesPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var codes = lines[0][CodesPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rc) ? rc : -1).ToArray();
        var outputs = lines.Length > 1 ? ReadOutputs(lines[1].TrimEnd('\r')) : null;
        for (var i = 0; i < codes.Length && i < probes.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var stdout = outputs?.GetValueOrDefault(n + ".o", string.Empty) ?? string.Empty;
            _results[probes[i].Key] = new ProbeResult(codes[i], stdout, outputs?.GetValueOrDefault(n + ".e", string.Empty) ?? string.Empty)
            {
                OutputUnreadable = outputs is null ? "the outputs came back cut short or malformed" : null,
                StdoutTruncated = System.Text.Encoding.UTF8.GetByteCount(stdout) >= OutputLimit,
            };
        }
    }

    /// <summary>The outputs by file name, or null when the tar did not come back whole.</summary>
    private static Dictionary<string, string>? ReadOutputs(string base64)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
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
            // Cut short: the outputs are unknown, which the checks report as errors (not as empty output).
            return null;
        }

        return outputs;
    }
}
