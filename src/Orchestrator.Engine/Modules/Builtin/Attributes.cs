using Orchestrator.Core.Shell;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>Applies mode/owner/group with chmod/chown (used when only attributes differ).</summary>
internal static class Attributes
{
    public static async Task ApplyAsync(ModuleContext context, string path, string? mode, string? owner, string? group, CancellationToken cancellationToken)
    {
        var q = ShellQuote.Quote(path);
        var parts = new List<string>();
        if (owner is not null || group is not null)
        {
            parts.Add($"chown {ShellQuote.Quote((owner ?? string.Empty) + (group is null ? string.Empty : ":" + group))} {q}");
        }

        if (mode is not null)
        {
            parts.Add($"chmod {ShellQuote.Quote(mode)} {q}");
        }

        if (parts.Count == 0)
        {
            return;
        }

        var result = await context.RunAsync(string.Join(" && ", parts), cancellationToken);
        if (!result.Succeeded)
        {
            throw new ModuleException($"cannot set attributes of {path}: {result.Stderr.Trim()}");
        }
    }
}
