namespace Orchestrator.Core.Configuration;

/// <summary>A key in ansible.cfg that Ansible knows and this tool does not implement: read, reported by <c>config dump</c>, without effect.</summary>
public sealed record IgnoredKey(IniEntry Entry, string Value, int Line);
