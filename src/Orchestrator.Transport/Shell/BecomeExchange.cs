using System.Text;

namespace Orchestrator.Transport.Shell;

/// <summary>What the stdout and stderr pumps learn about the become exchange.</summary>
internal sealed class BecomeExchange
{
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    public BecomeExchange(BecomeCommand? become)
    {
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

    public void AppendStderr(string text)
    {
        lock (_gate)
        {
            _stderr.Append(text);
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
