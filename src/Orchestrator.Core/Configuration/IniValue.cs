namespace Orchestrator.Core.Configuration;

/// <summary>One option's value in an INI file and the line its key is on.</summary>
internal sealed record IniValue(string Value, int Line);
