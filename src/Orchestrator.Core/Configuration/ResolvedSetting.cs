namespace Orchestrator.Core.Configuration;

/// <summary>A setting's typed value (string, bool, int, or a list of strings; null when unset) and where it came from.</summary>
public sealed record ResolvedSetting(SettingDefinition Definition, object? Value, SettingOrigin Origin);
