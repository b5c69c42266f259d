using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Output;

/// <summary>
/// <c>--output json</c>: one JSON object per line. Types: <c>playbook_start</c>, <c>play_start</c>,
/// <c>task_start</c>, <c>task_result</c> (one per host per task), <c>item_result</c> (one per loop item),
/// <c>warning</c> and a final <c>recap</c>. The schema is documented in docs/playbooks.md and only grows.
/// </summary>
public sealed class JsonLinesRunOutput(TextWriter writer) : IRunOutput
{
    private readonly Lock _gate = new();

    public void PlaybookStarted(PlaybookStartedEvent e) => Write("playbook_start", w =>
    {
        w.WriteString("path", e.Path);
        w.WriteBoolean("check", e.Check);
        w.WriteBoolean("diff", e.Diff);
    }, e.Time);

    public void PlayStarted(PlayStartedEvent e) => Write("play_start", w =>
    {
        w.WriteString("play", e.Name);
        w.WriteString("pattern", e.Hosts);
        w.WriteStartArray("hosts");
        foreach (var h in e.BatchHosts)
        {
            w.WriteStringValue(h);
        }

        w.WriteEndArray();
        w.WriteNumber("batch", e.Batch);
        w.WriteNumber("batches", e.Batches);
    }, e.Time);

    public void TaskStarted(TaskStartedEvent e) => Write("task_start", w =>
    {
        w.WriteString("play", e.Play);
        w.WriteString("task", e.Task);
        w.WriteString("module", e.Module);
        w.WriteBoolean("handler", e.IsHandler);
        w.WriteString("path", e.Path);
        w.WriteNumber("line", e.Line);
    }, e.Time);

    public void TaskResult(TaskResultEvent e) => Write(e.Item is null ? "task_result" : "item_result", w =>
    {
        w.WriteString("host", e.Host);
        w.WriteString("play", e.Play);
        w.WriteString("task", e.Task);
        w.WriteString("module", e.Module);
        w.WriteString("status", e.Outcome.ToString().ToLowerInvariant());
        WriteNullable(w, "message", e.Message);
        WriteNullable(w, "diff", e.Diff);
        WriteNullable(w, "item", e.Item);
        w.WriteBoolean("ignored", e.Ignored);
        w.WriteBoolean("handler", e.IsHandler);
        WriteNullable(w, "delegated_to", e.DelegatedTo);
        if (e.Attempts is { } a)
        {
            w.WriteNumber("attempts", a);
        }
        else
        {
            w.WriteNull("attempts");
        }

        w.WriteBoolean("no_log", e.NoLog);
        w.WriteNumber("duration_ms", Math.Round(e.Duration.TotalMilliseconds, 1));
        w.WritePropertyName("result");
        if (e.Result is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(PlainData.ToJson(e.Result));
        }
    }, e.Time);

    public void Warning(string message) => Write("warning", w => w.WriteString("message", message), null);

    public void Recap(RecapEvent e) => Write("recap", w =>
    {
        w.WriteBoolean("check", e.Check);
        w.WriteNumber("exit_code", e.ExitCode);
        w.WriteBoolean("aborted", e.Aborted);
        w.WriteNumber("duration_ms", Math.Round(e.Duration.TotalMilliseconds, 1));
        w.WriteStartObject("hosts");
        foreach (var h in e.Hosts)
        {
            w.WriteStartObject(h.Host);
            w.WriteNumber("ok", h.Ok);
            w.WriteNumber("changed", h.Changed);
            w.WriteNumber("unreachable", h.Unreachable);
            w.WriteNumber("failed", h.Failed);
            w.WriteNumber("skipped", h.Skipped);
            w.WriteNumber("rescued", h.Rescued);
            w.WriteNumber("ignored", h.Ignored);
            w.WriteNumber("unknown", h.Unknown);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }, e.Time);

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private void Write(string type, Action<Utf8JsonWriter> body, DateTimeOffset? time)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            if (time is { } t)
            {
                w.WriteString("time", t.ToString("O", CultureInfo.InvariantCulture));
            }

            body(w);
            w.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(stream.ToArray());
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
