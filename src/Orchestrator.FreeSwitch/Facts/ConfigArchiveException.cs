namespace Orchestrator.FreeSwitch.Facts;

/// <summary>A host's config archive could not be unpacked: malformed, or beyond a limit of <see cref="FreeSwitchFactsOptions"/>.</summary>
internal sealed class ConfigArchiveException(string message, Exception? inner = null) : Exception(message, inner);
