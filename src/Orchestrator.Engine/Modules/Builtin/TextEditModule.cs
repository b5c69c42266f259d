using System.Text;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>Shared plan/apply for modules that edit an existing text file: download, edit in memory, diff, upload atomically.</summary>
internal abstract class TextEditModule : Module<PlannedEdit>
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Edits <paramref name="current"/> (null: the file does not exist) in memory; throws <see cref="ModuleException"/> when it cannot.</summary>
    protected abstract TextEdit Edit(ModuleContext context, string? current);

    protected virtual bool CreateWhenMissing(ModuleContext context) => false;

    public sealed override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var path = context.Arguments.RequireString("path");
        context.ReadResource(path);
        var bytes = await context.DownloadAsync(path, cancellationToken);
        if (bytes is null && !CreateWhenMissing(context))
        {
            return ModulePlan.Fail($"{path} does not exist");
        }

        var bom = bytes is { Length: >= 3 } && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        string? current;
        try
        {
            current = bytes is null ? null : StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        }
        catch (DecoderFallbackException)
        {
            return ModulePlan.Fail($"{path} is not UTF-8 text");
        }

        TextEdit edit;
        try
        {
            edit = Edit(context, current);
        }
        catch (XmlEditException ex)
        {
            return ModulePlan.Fail($"{path}: {ex.Message}");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = path };
        if (edit.Text is not { } updated || updated == current || edit.Change is null)
        {
            return ModulePlan.NoChange(edit.Message, result);
        }

        var content = bom ? [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(updated)] : Encoding.UTF8.GetBytes(updated);
        var diff = new ModuleDiff(path) { Before = current, After = updated, HasContent = true };
        return WouldChange(edit.Change.Planned, new PlannedEdit(content, edit.Change), [diff], [path], result);
    }

    protected sealed override async Task<ModuleResult> ApplyAsync(ModuleContext context, PlannedEdit edit, ModulePlan plan, CancellationToken cancellationToken)
    {
        var path = context.Arguments.RequireString("path");
        var upload = new FileUpload(path, edit.Content)
        {
            Backup = context.Arguments.GetBool("backup"),
            Mode = context.Arguments.GetString("mode"),
            Owner = context.Arguments.GetString("owner"),
            Group = context.Arguments.GetString("group"),
        };
        var uploaded = await context.UploadAsync(upload, cancellationToken);
        var data = new Dictionary<string, object?>(plan.Result, StringComparer.Ordinal) { ["checksum"] = uploaded.Sha256 };
        if (uploaded.BackupPath is not null)
        {
            data["backup_file"] = uploaded.BackupPath;
        }

        return ModuleResult.Change(edit.Change.Applied, data);
    }
}
