using System.Globalization;
using System.Text;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>
/// Ansible-style text output: <c>PLAY [..]</c> and <c>TASK [..]</c> headers with one line per host
/// (<c>ok: [h]</c>, <c>changed: [h]</c>, <c>fatal: [h]: FAILED! =&gt; ..</c>, <c>unknown: [h]: ..</c> in check mode),
/// diffs with --diff, and the PLAY RECAP. Plain text when <paramref name="console"/> is null; colours through
/// Spectre.Console when writing to a terminal. Verbosity: 0 statuses and failures, 1 adds messages,
/// 2 adds results as JSON, 3 adds task paths and durations.
/// </summary>
internal sealed class TextRunOutput(TextWriter writer, int verbosity, IAnsiConsole? console = null) : IRunOutput
{
    private const int HeaderWidth = 80;
    private readonly Lock _gate = new();

    public void PlaybookStarted(PlaybookStartedEvent e)
    {
        if (e.Check)
        {
            Line(string.Empty, null);
            Line("CHECK MODE: nothing will be changed; 'unknown' marks results that cannot be predicted.", "yellow");
        }
    }

    public void PlayStarted(PlayStartedEvent e)
    {
        var batch = e.Batches > 1 ? string.Create(CultureInfo.InvariantCulture, $" (batch {e.Batch}/{e.Batches}: {string.Join(", ", e.BatchHosts)})") : string.Empty;
        Header($"PLAY [{e.Name}]{batch}");
    }

    public void TaskStarted(TaskStartedEvent e)
    {
        Header($"{(e.IsHandler ? "RUNNING HANDLER" : "TASK")} [{e.Task}]");
        if (verbosity >= 3)
        {
            Line($"task path: {e.Path}:{e.Line}", "grey");
        }
    }

    public void TaskResult(TaskResultEvent e)
    {
        if (e.IsLoop && e.Item is null && e.Outcome is not TaskOutcome.Failed and not TaskOutcome.Unreachable)
        {
            // The items were printed one by one; Ansible prints no extra line for a loop that went fine.
            return;
        }

        var host = e.DelegatedTo is null ? $"[{e.Host}]" : $"[{e.Host} -> {e.DelegatedTo}]";
        var item = e.Item is null ? string.Empty : $" => (item={e.Item})";
        var sb = new StringBuilder();
        string colour;
        switch (e.Outcome)
        {
            case TaskOutcome.Ok:
                colour = "green";
                sb.Append("ok: ").Append(host).Append(item);
                if ((e.Module == "debug" || verbosity >= 1) && !string.IsNullOrEmpty(e.Message) && !e.IsLoop)
                {
                    sb.Append(" => ").Append(e.Message);
                }

                break;
            case TaskOutcome.Changed:
                colour = "yellow";
                sb.Append("changed: ").Append(host).Append(item);
                if ((verbosity >= 1 || e.Module is "command" or "shell") && !string.IsNullOrEmpty(e.Message) && verbosity >= 1)
                {
                    sb.Append(" => ").Append(e.Message);
                }

                break;
            case TaskOutcome.Skipped:
                colour = "cyan";
                sb.Append("skipping: ").Append(host).Append(item);
                break;
            case TaskOutcome.Unknown:
                colour = "magenta";
                sb.Append("unknown: ").Append(host).Append(item).Append(": ").Append(e.Message);
                break;
            case TaskOutcome.Unreachable:
                colour = "red";
                sb.Append("fatal: ").Append(host).Append(item).Append(": UNREACHABLE! => ").Append(e.Message);
                break;
            default:
                colour = "red";
                sb.Append(e.Item is null ? "fatal: " : "failed: ").Append(host).Append(item).Append(": FAILED! => ").Append(e.Message);
                if (e.Result is { } r && r.TryGetValue("stderr", out var stderr) && stderr is string { Length: > 0 } err)
                {
                    sb.Append("\n  stderr: ").Append(err);
                }

                break;
        }

        if (verbosity >= 3)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $" ({e.Duration.TotalSeconds:0.000}s)"));
        }

        if (verbosity >= 2 && e.Result is not null)
        {
            sb.Append('\n').Append(PlainData.ToJson(e.Result));
        }

        lock (_gate)
        {
            Line(sb.ToString(), colour);
            if (e.Diff is not null)
            {
                WriteDiff(e.Diff);
            }

            if (e.Ignored)
            {
                Line("...ignoring", "cyan");
            }
        }
    }

    public void Warning(string message) => Line($"[WARNING]: {message}", "purple");

    public void Recap(RecapEvent e)
    {
        Header("PLAY RECAP");
        foreach (var h in e.Hosts)
        {
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{h.Host,-26} : ok={h.Ok,-4} changed={h.Changed,-4} unreachable={h.Unreachable,-4} failed={h.Failed,-4} skipped={h.Skipped,-4} rescued={h.Rescued,-4} ignored={h.Ignored,-4}");
            if (e.Check)
            {
                line += string.Create(CultureInfo.InvariantCulture, $" unknown={h.Unknown,-4}");
            }

            Line(line.TrimEnd(), h.Failed > 0 || h.Unreachable > 0 ? "red" : h.Changed > 0 ? "yellow" : h.Unknown > 0 ? "magenta" : "green");
        }

        Line(string.Empty, null);
        if (e.Aborted)
        {
            Line("The play was stopped by max_fail_percentage or any_errors_fatal.", "red");
        }

        if (e.Check)
        {
            var changed = e.Hosts.Sum(h => h.Changed);
            var unknown = e.Hosts.Sum(h => h.Unknown);
            Line(string.Create(CultureInfo.InvariantCulture, $"Check mode: {changed} change(s) pending, {unknown} unknown, nothing was changed."), unknown > 0 ? "magenta" : null);
        }
    }

    private void WriteDiff(string diff)
    {
        foreach (var line in diff.TrimEnd('\n').Split('\n'))
        {
            var colour = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "bold"
                : line.StartsWith('+') ? "green"
                : line.StartsWith('-') ? "red"
                : line.StartsWith("@@", StringComparison.Ordinal) ? "cyan"
                : null;
            Line(line, colour);
        }
    }

    private void Header(string title)
    {
        var text = title + " " + new string('*', Math.Max(3, HeaderWidth - title.Length - 1));
        lock (_gate)
        {
            Line(string.Empty, null);
            Line(text, "bold");
        }
    }

    private void Line(string text, string? colour)
    {
        lock (_gate)
        {
            if (console is null)
            {
                writer.WriteLine(text);
                writer.Flush();
            }
            else
            {
                console.MarkupLine(colour is null ? Markup.Escape(text) : $"[{colour}]{Markup.Escape(text)}[/]");
            }
        }
    }
}
