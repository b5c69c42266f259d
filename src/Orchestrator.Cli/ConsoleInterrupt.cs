namespace Orchestrator.Cli;

/// <summary>
/// Ctrl-C cancels the run instead of killing the process, so connections close and remote commands are
/// terminated; a second Ctrl-C is left to the runtime and kills the process.
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource _source;

    private ConsoleInterrupt(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _source.Token;

    public static ConsoleInterrupt Link(CancellationToken outer) => new(outer);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_source.IsCancellationRequested)
        {
            e.Cancel = true;
            _source.Cancel();
        }
    }
}
