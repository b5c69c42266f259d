namespace Orchestrator.Core.Shell;

/// <summary>A text <see cref="Shlex"/> cannot split. Callers word it for their input; the message is a plain default.</summary>
public sealed class ShlexException : FormatException
{
    public ShlexException(ShlexErrorKind kind, int index, string message)
        : base(message)
    {
        Kind = kind;
        Index = index;
    }

    public ShlexErrorKind Kind { get; }

    /// <summary>Where the problem starts in the text: the quote that is not closed, or the backslash.</summary>
    public int Index { get; }
}
