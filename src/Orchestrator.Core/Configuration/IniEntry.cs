namespace Orchestrator.Core.Configuration;

/// <summary>Where a setting may stand in ansible.cfg: <c>[Section]</c> <c>Key</c>.</summary>
public sealed record IniEntry(string Section, string Key)
{
    public override string ToString() => $"[{Section}] {Key}";
}
