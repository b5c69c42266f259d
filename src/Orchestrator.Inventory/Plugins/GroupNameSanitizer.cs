using System.Text.RegularExpressions;

namespace Orchestrator.Inventory.Plugins;

/// <summary>
/// The group-name cleaning of Ansible's inventory plugins (plugins/inventory/__init__.py to_safe_group_name:
/// always forced, silent, whatever TRANSFORM_INVALID_GROUP_CHARS says): a leading digit or non-word character
/// and every other non-word character become '_' (<c>bad-name</c> → <c>bad_name</c>, <c>1a</c> → <c>_a</c>).
/// </summary>
internal static partial class GroupNameSanitizer
{
    // C.INVALID_VARIABLE_NAMES: ^[\d\W]|[^\w]
    [GeneratedRegex(@"^[\d\W]|[^\w]", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidCharacters();

    public static string Sanitize(string name) => InvalidCharacters().Replace(name, "_");
}
