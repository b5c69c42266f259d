namespace FreeSwitch.Config.Sources;

/// <summary>One entry of a directory listing.</summary>
public readonly record struct ConfigDirectoryEntry(string Name, bool IsDirectory);
