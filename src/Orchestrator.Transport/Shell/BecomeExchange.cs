using System.Text;

namespace Orchestrator.Transport.Shell;

/// <summary>What the stdout and stderr pumps learn about the become exchange.</summary>
internal sealed class BecomeExchange
{
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private readonly long _maxStderrChars;

    public BecomeExchange(BecomeCommand? become, long maxOutputBytes)
    {
        _maxStderrChars = maxOutputBytes;
        Prompt = become?.Prompt;
        Marker = become?.Marker;
        if (Marker is null)
        {
            BecomeDone.TrySetResult();
        }
    }

    public string? Prompt { get; }

    public string? Marker { get; }

    public TaskCompletionSource BecomeDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource WrongPassword { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool MarkerSeen { get; set; }

    public int PromptsAnswered { get; set; }

    public SemaphoreSlim StdinGate { get; } = new(1, 1);

    /// <summary>Stdout bytes dropped past the output limit.</summary>
    public long StdoutDropped { get; set; }

    /// <summary>Stderr characters dropped past the output limit.</summary>
    public long StderrDropped { get; private set; }

    public void AppendStderr(string text)
    {
        lock (_gate)
        {
            var room = (int)Math.Max(0, Math.Min(text.Length, _maxStderrChars - _stderr.Length));
            _stderr.Append(text, 0, room);
            StderrDropped += text.Length - room;
        }
    }

    public string StderrSoFar()
    {
        lock (_gate)
        {
            return _stderr.ToString();
        }
    }

    public string Stderr()
    {
        var text = StderrSoFar();
        return Prompt is null ? text : text.Replace(Prompt, string.Empty, StringComparison.Ordinal);
    }
}
