using System.Globalization;
using System.Text.Json;
using Orchestrator.Transport.AdHoc;

namespace Orchestrator.Cli.Commands.Exec;

internal interface IExecOutput
{
    Task WriteHostAsync(AdHocHostResult result);

    Task WriteSummaryAsync(IReadOnlyList<AdHocHostResult> results, TimeSpan elapsed, int exitCode);
}

/// <summary>Ansible's ad-hoc layout: <c>host | CHANGED | rc=0 &gt;&gt;</c>, the output, then a summary.</summary>
internal sealed class TextExecOutput : IExecOutput
{
    private readonly TextWriter _out;
    private readonly bool _color;

    public TextExecOutput(TextWriter output, bool color)
    {
        _out = output;
        _color = color;
    }

    public async Task WriteHostAsync(AdHocHostResult r)
    {
        switch (r.Status)
        {
            case AdHocStatus.Unreachable:
                await _out.WriteLineAsync(Paint($"{r.Host} | UNREACHABLE! => {r.Message}", "31"));
                break;
            case AdHocStatus.Failed when r.ExitCode is null:
                await _out.WriteLineAsync(Paint($"{r.Host} | FAILED! => {r.Message}", "31"));
                break;
            default:
                var caption = r.Status == AdHocStatus.Changed ? "CHANGED" : "FAILED";
                await _out.WriteLineAsync(Paint($"{r.Host} | {caption} | rc={r.ExitCode} >>", r.Status == AdHocStatus.Changed ? "33" : "31"));
                if (r.Stdout.Length > 0)
                {
                    await _out.WriteLineAsync(r.Stdout.TrimEnd('\n'));
                }

                if (r.Stderr.Length > 0)
                {
                    await _out.WriteLineAsync(r.Stderr.TrimEnd('\n'));
                }

                break;
        }

        await _out.FlushAsync();
    }

    public async Task WriteSummaryAsync(IReadOnlyList<AdHocHostResult> results, TimeSpan elapsed, int exitCode)
    {
        var changed = results.Count(r => r.Status == AdHocStatus.Changed);
        var failed = results.Where(r => r.Status == AdHocStatus.Failed).Select(r => r.Host).ToList();
        var unreachable = results.Where(r => r.Status == AdHocStatus.Unreachable).Select(r => r.Host).ToList();
        var seconds = elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        await _out.WriteLineAsync();
        await _out.WriteLineAsync($"SUMMARY: {results.Count} host{(results.Count == 1 ? string.Empty : "s")} in {seconds} s: {changed} changed, {failed.Count} failed, {unreachable.Count} unreachable");
        if (failed.Count > 0)
        {
            await _out.WriteLineAsync(Paint($"  failed: {string.Join(", ", failed)}", "31"));
        }

        if (unreachable.Count > 0)
        {
            await _out.WriteLineAsync(Paint($"  unreachable: {string.Join(", ", unreachable)}", "31"));
        }

        await _out.FlushAsync();
    }

    private string Paint(string text, string code) => _color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}

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
        if (r.Message is null)
        {
            w.WriteNull("msg");
        }
        else
        {
            w.WriteString("msg", r.Message);
        }

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
