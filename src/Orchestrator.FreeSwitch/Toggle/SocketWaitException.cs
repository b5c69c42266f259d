namespace Orchestrator.FreeSwitch.Toggle;

/// <summary>
/// The socket table did not change in time; another attempt may do better, so the retry handles it.
/// <see cref="CaptureToggler"/> turns the last one into a failed <see cref="ToggleOutcome"/>; it never leaves the toggler.
/// </summary>
internal sealed class SocketWaitException(string message) : Exception(message);
