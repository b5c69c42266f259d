namespace Orchestrator.Core.Shell;

/// <summary>Why <see cref="Shlex"/> cannot split a text (the two <c>ValueError</c>s of Python's shlex).</summary>
public enum ShlexErrorKind
{
    /// <summary>A quote is not closed ("No closing quotation").</summary>
    UnclosedQuote,

    /// <summary>A backslash ends the text, with nothing to escape ("No escaped character").</summary>
    TrailingBackslash,
}
