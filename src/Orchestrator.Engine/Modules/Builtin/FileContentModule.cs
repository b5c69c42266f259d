using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// Shared plan/apply for modules that write a whole file (template, copy): compare the wanted content's
/// sha256 with the remote one and the wanted mode/owner/group with stat, diff against the old content,
/// validate on a temporary copy on the host, then upload atomically (optionally with a backup).
/// </summary>
internal abstract partial class FileContentModule : Module<PlannedWrite>
{
    protected static ModuleArgumentSpec CommonArguments(ModuleArgumentSpec spec) => spec
        .Add("dest", ArgumentType.String, required: true)
        .Add("mode", ArgumentType.Mode)
        .Add("owner", ArgumentType.String)
        .Add("group", ArgumentType.String)
        .Add("backup", ArgumentType.Boolean, defaultValue: false)
        .Add("validate", ArgumentType.String)
        .Add("force", ArgumentType.Boolean, defaultValue: true);

    /// <summary>The content to write and a description of where it came from.</summary>
    protected abstract (byte[] Content, string Source) Content(ModuleContext context);

    /// <summary>The file's name when the destination is a directory; null where a directory destination is refused.</summary>
    protected virtual string? NameInDirectory(ModuleContext context, string source) => null;

    public sealed override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var dest = args.RequireString("dest");
        var (content, source) = Content(context);
        var mode = args.GetString("mode");
        var owner = args.GetString("owner");
        var group = args.GetString("group");
        var validate = args.GetString("validate");
        if (validate is not null && !validate.Contains("%s", StringComparison.Ordinal))
        {
            throw context.Error("'validate' must contain %s (the path of the temporary copy to check)");
        }

        var state = await RemoteFileState.ProbeAsync(context, dest, cancellationToken);
        if ((dest.EndsWith('/') || state.IsDirectory) && NameInDirectory(context, source) is { } name)
        {
            // Ansible's copy into a directory (a dest ending in / or an existing directory): dest/<src's file name>.
            dest = dest.TrimEnd('/') + "/" + name;
            state = await RemoteFileState.ProbeAsync(context, dest, cancellationToken);
        }

        if (state.Exists && !state.IsFile)
        {
            return ModulePlan.Fail($"{dest} exists and is a {state.Type}, not a regular file");
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["dest"] = dest,
            ["src"] = source,
            ["checksum"] = sha,
        };
        var contentChanges = !state.Exists || state.Sha256 != sha;
        if (state.Exists && contentChanges && !args.GetBool("force", true))
        {
            return ModulePlan.NoChange($"{dest} exists and force is false", result);
        }

        var attributes = state.AttributeChanges(mode, owner, group);
        if (!contentChanges && attributes.Count == 0)
        {
            return ModulePlan.NoChange($"{dest} is up to date", result);
        }

        string? before = null;
        if (contentChanges && state.Exists && context.Diff)
        {
            before = await context.DownloadAsync(dest, cancellationToken) is { } old ? Encoding.UTF8.GetString(old) : null;
        }

        var diff = new ModuleDiff(dest)
        {
            Before = before,
            After = contentChanges && context.Diff ? Encoding.UTF8.GetString(content) : null,
            HasContent = contentChanges && context.Diff,
            AttributeChanges = attributes,
        };
        // Content is uploaded whole ("wrote"); attributes alone are changed in place.
        var change = !state.Exists ? new ChangeSummary("create", dest) { AppliedVerb = "wrote" }
            : contentChanges ? new ChangeSummary("update", dest) { AppliedVerb = "wrote" }
            : new ChangeSummary("change", $"{string.Join(", ", attributes.Select(a => a.Split(':')[0]))} of {dest}") { AppliedVerb = "changed" };
        return WouldChange(
            change.Planned,
            new PlannedWrite(dest, content, contentChanges, mode, owner, group, validate, args.GetBool("backup"), change),
            [diff],
            [dest],
            result);
    }

    protected sealed override async Task<ModuleResult> ApplyAsync(ModuleContext context, PlannedWrite write, ModulePlan plan, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, object?>(plan.Result, StringComparer.Ordinal);
        if (!write.ContentChanges)
        {
            await Attributes.ApplyAsync(context, write.Dest, write.Mode, write.Owner, write.Group, cancellationToken);
            return ModuleResult.Change(write.Change.Applied, data);
        }

        if (write.Validate is { } validate)
        {
            var failure = await ValidateAsync(context, write, validate, cancellationToken);
            if (failure is not null)
            {
                return ModuleResult.Fail(failure, data);
            }
        }

        var upload = new FileUpload(write.Dest, write.Content)
        {
            Mode = write.Mode,
            Owner = write.Owner,
            Group = write.Group,
            Backup = write.Backup,
        };
        var uploaded = await context.UploadAsync(upload, cancellationToken);
        if (uploaded.BackupPath is not null)
        {
            data["backup_file"] = uploaded.BackupPath;
        }

        data["checksum"] = uploaded.Sha256;
        return ModuleResult.Change(write.Change.Applied, data);
    }

    /// <summary>Runs the validate command on a temporary copy on the host; returns the failure message, or null.</summary>
    private static async Task<string?> ValidateAsync(ModuleContext context, PlannedWrite write, string validate, CancellationToken cancellationToken)
    {
        // The temp path is ours and made of safe characters only (the destination's extension is kept only when plain), so
        // it goes into the validate template as it is, quoted or not by the template's author.
        var extension = Path.GetExtension(write.Dest);
        var temp = $"/tmp/.orchestrator-validate-{Guid.NewGuid():N}{(PlainExtension().IsMatch(extension) ? extension : string.Empty)}";
        await context.UploadAsync(new FileUpload(temp, write.Content) { Mode = "0600" }, cancellationToken);
        try
        {
            // validate is a command template, code by design (as Ansible's).
            var check = await context.RunAsync(RemoteCommand.Script(validate.Replace("%s", temp, StringComparison.Ordinal)), cancellationToken);
            return check.Succeeded
                ? null
                : $"validation failed (rc={check.ExitCode}): {validate}: {(check.Stderr + check.Stdout).Trim()}; {write.Dest} was not changed";
        }
        finally
        {
            await context.RunAsync(RemoteCommand.Script("rm -f -- \"$1\"", temp), CancellationToken.None);
        }
    }

    [GeneratedRegex("^\\.[A-Za-z0-9_-]{1,16}$")]
    private static partial Regex PlainExtension();
}
