namespace Orchestrator.Core.Configuration;

/// <summary>
/// One setting as ansible-core's <c>config/base.yml</c> (or a connection plugin's documentation) defines it, with the
/// default this tool uses when nothing sets it.
/// </summary>
/// <param name="Name">Ansible's name (<c>DEFAULT_FORKS</c>), or the option's name for a plugin setting (<c>ssh_args</c>).</param>
/// <param name="Plugin">The connection plugin it belongs to (<c>ssh</c>), or null for a base setting.</param>
/// <param name="Default">Our default, already typed; null when none.</param>
/// <param name="Ini">Its places in the file; when several hold it, the last one found wins, as in Ansible.</param>
/// <param name="Note">Why the value changes nothing here, or how ours differs from Ansible's; shown by <c>config dump</c>.</param>
public sealed record SettingDefinition(
    string Name,
    string? Plugin,
    SettingType Type,
    object? Default,
    IReadOnlyList<string> Env,
    IReadOnlyList<IniEntry> Ini,
    string? Note = null);
