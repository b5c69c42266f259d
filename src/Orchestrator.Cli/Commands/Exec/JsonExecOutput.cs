using System.Globalization;
using System.Text.Json;
using Orchestrator.Transport.AdHoc;

namespace Orchestrator.Cli.Commands.Exec;

/// <summary>JSON lines: one <c>host</c> object per host as it finishes, then one <c>summary</c> object.</summary>
internal sealed class JsonExecOutput : IExecOutput
{
    private readonly TextWriter _out;

    public JsonExecOutput(TextWriter output) => _out = output;

    public Task WriteHostAsync(AdHocHostResult r) => WriteLineAsync(w =>
    {
        w.WriteString("type", "host");
        w.WriteString("host", r.Host);
        w.WriteString("status", r.Status.ToString().ToLowerInvariant());
        if (r.ExitCode is { } rc)
        {
            w.WriteNumber("rc", rc);
        }
        else
        {
            w.WriteNull("rc");
        }

        w.WriteString("stdout", r.Stdout);
        w.WriteString("stderr", r.Stderr);
        w.WriteString("msg", r.Message);
        if (r.UnreachableReason is { } reason)
        {
            w.WriteString("unreachable_reason", reason.ToString().ToLowerInvariant());
        }

        w.WriteString("start", r.Started.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("duration_ms", Math.Round(r.Duration.TotalMilliseconds, 1));
    });

    public Task WriteSummaryAsync(IReadOnlyList<AdHocHostResult> results, TimeSpan elapsed, int exitCode) => WriteLineAsync(w =>
    {
        w.WriteString("type", "summary");
        w.WriteNumber("hosts", results.Count);
        w.WriteNumber("changed", results.Count(r => r.Status == AdHocStatus.Changed));
        w.WriteNumber("failed", results.Count(r => r.Status == AdHocStatus.Failed));
        w.WriteNumber("unreachable", results.Count(r => r.Status == AdHocStatus.Unreachable));
        w.WriteNumber("duration_ms", Math.Round(elapsed.TotalMilliseconds, 1));
        w.WriteNumber("exit_code", exitCode);
    });

    private async Task WriteLineAsync(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        await _out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        await _out.FlushAsync();
    }
}
