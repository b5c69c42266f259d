using Spectre.Console;

namespace Orchestrator.Cli.Commands.Lab;

/// <summary>Writes progress lines as they come (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    private readonly Lock _gate = new();

    public void Report(string value)
    {
        lock (_gate)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{value}[/]");
        }
    }
}
