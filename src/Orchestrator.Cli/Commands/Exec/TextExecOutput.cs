using System.Globalization;
using Orchestrator.Transport.AdHoc;

namespace Orchestrator.Cli.Commands.Exec;

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
