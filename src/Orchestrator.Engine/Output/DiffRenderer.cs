using System.Text;
using DiffPlex.Renderer;
using Orchestrator.Engine.Modules;

namespace Orchestrator.Engine.Output;

/// <summary>
/// Renders module diffs: unified diffs (DiffPlex, 3 lines of context, never whole files) with
/// <c>--- before: PATH</c> / <c>+++ after: PATH</c> headers, then attribute changes such as mode and owner.
/// </summary>
public static class DiffRenderer
{
    private const int ContextLines = 3;

    public static string? Render(IReadOnlyList<ModuleDiff> diffs)
    {
        var sb = new StringBuilder();
        foreach (var diff in diffs)
        {
            if (diff.HasContent && diff.Before != diff.After)
            {
                // DiffPlex counts the empty string after a final newline as a line; drop that newline on both sides.
                var before = TrimFinalNewline(diff.Before ?? string.Empty);
                var after = TrimFinalNewline(diff.After ?? string.Empty);
                var renderer = new UnidiffRenderer(null!, ContextLines);
                var text = renderer.Generate(before, after, "before: " + diff.Path + (diff.Before is null ? " (absent)" : string.Empty), "after: " + diff.Path, false, false);
                sb.Append(text);
                if (text.Length > 0 && text[^1] != '\n')
                {
                    sb.Append('\n');
                }

                if ((diff.Before ?? string.Empty).EndsWith('\n') != (diff.After ?? string.Empty).EndsWith('\n') && diff.Before is { Length: > 0 })
                {
                    sb.Append("\\ newline at end of file changes\n");
                }
            }

            if (diff.AttributeChanges.Count > 0)
            {
                if (!diff.HasContent)
                {
                    sb.Append("--- before: ").Append(diff.Path).Append('\n');
                    sb.Append("+++ after: ").Append(diff.Path).Append('\n');
                }

                foreach (var change in diff.AttributeChanges)
                {
                    sb.Append("  ").Append(change).Append('\n');
                }
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    private static string TrimFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;
}
