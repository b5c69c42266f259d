using System.Globalization;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.Compliance.Facts;

/// <summary>
/// Wraps the shell the FreeSWITCH facts collector runs its scripts through, and appends the policy's own commands
/// to the collector's first script, so service and command checks cost no extra round trip. The collector sees its
/// own output unchanged: everything after our first marker is cut off before it is handed back. Each command runs
/// in its own <c>sh -c</c> with a timeout, stdin from /dev/null, and its stdout, stderr and exit code come back
/// base64-encoded on one marker line, so no output can be mistaken for a marker.
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

    /// <summary>The first script's output as it came back (the collector's part), for readers of its other sections.</summary>
    public string? FirstOutput { get; private set; }

    public async Task<CommandResult> RunAsync(string script, Secret? stdin, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (_appended || probes.Count == 0)
        {
            var plain = await inner.RunAsync(script, stdin, timeout, cancellationToken);
            FirstOutput ??= plain.Stdout;
            return plain;
        }

        _appended = true;
        var result = await inner.RunAsync(Compose(script, probes, probeTimeout), stdin, timeout, cancellationToken);
        var (own, parsed) = Split(result.Stdout);
        foreach (var (key, value) in parsed)
        {
            _results[key] = value;
        }

        FirstOutput = own;
        return result with { Stdout = own };
    }

    /// <summary>The collector's script in a subshell (its exit code kept), then one block per probe.</summary>
    internal static string Compose(string script, IReadOnlyList<ProbeRequest> probes, TimeSpan probeTimeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(probeTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("(\n").Append(script).Append("\n)\n__orc_rc=$?\n");
        sb.Append("__orc_d=$(mktemp -d 2>/dev/null) || { __orc_d=/tmp/orc-compliance.$$; mkdir -p \"$__orc_d\"; }\n");
        sb.Append("__orc_b64() { base64 -w0 2>/dev/null || base64 | tr -d '\\n'; }\n");
        foreach (var probe in probes)
        {
            var key = Convert.ToBase64String(Encoding.UTF8.GetBytes(probe.Key));
            sb.Append("timeout -k 2 ").Append(seconds).Append(" sh -c ").Append(Quote(probe.Command))
                .Append(" </dev/null >\"$__orc_d/o\" 2>\"$__orc_d/e\"; __orc_p=$?\n");
            sb.Append("printf '\\n").Append(Marker).Append(" %s %s %s %s\\n' ").Append(key)
                .Append(" \"$__orc_p\" \"$(head -c ").Append(OutputLimit).Append(" \"$__orc_d/o\" | __orc_b64)\" \"$(head -c ")
                .Append(OutputLimit).Append(" \"$__orc_d/e\" | __orc_b64)\"\n");
        }

        sb.Append("rm -rf \"$__orc_d\"\nexit $__orc_rc\n");
        return sb.ToString();
    }

    /// <summary>Cuts the output at our first marker line: the collector's part, and the probes' results.</summary>
    internal static (string Own, Dictionary<string, ProbeResult> Results) Split(string stdout)
    {
        var results = new Dictionary<string, ProbeResult>(StringComparer.Ordinal);
        var first = stdout.IndexOf("\n" + Marker + " ", StringComparison.Ordinal);
        if (first < 0)
        {
            return (stdout, results);
        }

        foreach (var line in stdout[(first + 1)..].Split('\n'))
        {
            if (!line.StartsWith(Marker + " ", StringComparison.Ordinal))
            {
                continue;
            }

            // marker key rc out err: empty base64 fields leave consecutive spaces, so split without removing empties.
            var f = line[(Marker.Length + 1)..].TrimEnd('\r').Split(' ');
            if (f.Length < 4 || !int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rc))
            {
                continue;
            }

            try
            {
                var key = Encoding.UTF8.GetString(Convert.FromBase64String(f[0]));
                results[key] = new ProbeResult(rc, Decode(f[2]), Decode(f[3]));
            }
            catch (FormatException)
            {
                // A line that is not ours after all; the check reports the probe as not run.
            }
        }

        return (stdout[..first] + "\n", results);
    }

    private static string Decode(string base64) => base64.Length == 0 ? string.Empty : Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
