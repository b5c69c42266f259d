namespace Orchestrator.Core.Errors;

/// <summary>
/// A file went over one of <see cref="Input.ReaderLimits"/>. A subtype so a reader that tries several formats
/// (the inventory's YAML then INI) reports it instead of trying the next format.
/// </summary>
public sealed class InputLimitException(string message, SourceLocation location)
    : UserInputException(message, location);
