using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>Applies mode/owner/group with chmod/chown (used when only attributes differ).</summary>
internal static class Attributes
{
    public static async Task ApplyAsync(ModuleContext context, string path, string? mode, string? owner, string? group, CancellationToken cancellationToken)
    {
        // $1 is the path; the owner spec and the mode follow, each only when given.
        var parts = new List<string>();
        var values = new List<string> { path };
        if (owner is not null || group is not null)
        {
            values.Add((owner ?? string.Empty) + (group is null ? string.Empty : ":" + group));
            parts.Add($"chown -- \"${values.Count}\" \"$1\"");
        }

        if (mode is not null)
        {
            values.Add(mode);
            parts.Add($"chmod -- \"${values.Count}\" \"$1\"");
        }

        if (parts.Count == 0)
        {
            return;
        }

        var result = await context.RunAsync(RemoteCommand.Script(string.Join(" && ", parts), values), cancellationToken);
        if (!result.Succeeded)
        {
            throw new ModuleException($"cannot set attributes of {path}: {result.Stderr.Trim()}");
        }
    }
}
