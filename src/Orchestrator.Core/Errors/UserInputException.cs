namespace Orchestrator.Core.Errors;

/// <summary>
/// Bad input from the user (a malformed file, a bad pattern, a wrong flag). The CLI prints
/// <see cref="Exception.Message"/> without a stack trace and exits with <see cref="ExitCode"/>.
/// </summary>
public class UserInputException : Exception
{
    public UserInputException(string message, SourceLocation? location = null, int exitCode = 2, Exception? inner = null)
        : base(Format(message, location), inner)
    {
        Location = location;
        Detail = message;
        ExitCode = exitCode;
    }

    /// <summary>Where the problem is, when it is in a file.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }

    public int ExitCode { get; }

    private static string Format(string message, SourceLocation? location) =>
        location is { } l ? $"{l}: {message}" : message;
}
