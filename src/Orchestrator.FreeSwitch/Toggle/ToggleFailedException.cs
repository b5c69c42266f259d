namespace Orchestrator.FreeSwitch.Toggle;

/// <summary>
/// A toggle failure retrying cannot fix (the API refused, FreeSWITCH stopped). <see cref="CaptureToggler"/> turns it
/// into a failed <see cref="ToggleOutcome"/>; it never leaves the toggler.
/// </summary>
internal sealed class ToggleFailedException(string message) : Exception(message);
