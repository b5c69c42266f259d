namespace FreeSwitch.Config.Model;

/// <summary>One <c>&lt;param name=".." value=".."/&gt;</c> after pre-processing, with the file position it came from.</summary>
public sealed record ConfigParam(string Name, string Value, ConfigLocation? Location);
