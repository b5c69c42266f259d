using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>Shared plan/apply for modules that edit an existing text file: download, edit in memory, diff, upload atomically.</summary>
internal abstract class TextEditModule : Module
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Returns the new text (or null to leave the file), or throws <see cref="ModuleFailedException"/>.</summary>
    protected abstract string? Edit(ModuleContext context, string? current, out string summary);

    protected virtual bool CreateWhenMissing(ModuleContext context) => false;

    public sealed override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var path = context.Arguments.RequireString("path");
        context.ReadResource(path);
        byte[]? bytes;
        try
        {
            bytes = await context.Connection.DownloadAsync(path, context.Become, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            bytes = null;
        }

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

        string? updated;
        string summary;
        try
        {
            updated = Edit(context, current, out summary);
        }
        catch (XmlEditException ex)
        {
            return ModulePlan.Fail($"{path}: {ex.Message}");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = path };
        if (updated is null || updated == current)
        {
            return ModulePlan.NoChange(summary, result);
        }

        var content = bom ? [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(updated)] : Encoding.UTF8.GetBytes(updated);
        var diff = new ModuleDiff(path) { Before = current, After = updated, HasContent = true };
        return ModulePlan.WouldChange(summary, content, [diff], [path], result);
    }

    public sealed override async Task<ModuleResult> ApplyAsync(ModuleContext context, ModulePlan plan, CancellationToken cancellationToken)
    {
        var path = context.Arguments.RequireString("path");
        var upload = new FileUpload(path, (byte[])plan.State!)
        {
            Backup = context.Arguments.GetBool("backup"),
            Mode = context.Arguments.GetString("mode"),
            Owner = context.Arguments.GetString("owner"),
            Group = context.Arguments.GetString("group"),
            Become = context.Become,
            BecomeUser = context.BecomeUser,
        };
        var uploaded = await context.Connection.UploadAsync(upload, cancellationToken);
        var data = new Dictionary<string, object?>(plan.Result, StringComparer.Ordinal) { ["checksum"] = uploaded.Sha256 };
        if (uploaded.BackupPath is not null)
        {
            data["backup_file"] = uploaded.BackupPath;
        }

        return ModuleResult.Change(plan.Message.Replace("would ", string.Empty, StringComparison.Ordinal), data);
    }
}

/// <summary>
/// <c>xml</c>: select elements with XPath, then set an attribute, set the text, remove, or make sure an element
/// exists. The file is edited as text so everything else stays byte for byte.
/// </summary>
internal sealed class XmlModule : TextEditModule
{
    public override string Name => "xml";

    public override IReadOnlyList<string> Aliases => ["community.general.xml"];

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add("path", ArgumentType.String, required: true)
        .Add("xpath", ArgumentType.String, required: true)
        .Add("attribute", ArgumentType.String)
        .Add("value", ArgumentType.String)
        .Add("state", ArgumentType.String, defaultValue: "present", choices: ["present", "absent"])
        .Add("backup", ArgumentType.Boolean, defaultValue: false);

    protected override string? Edit(ModuleContext context, string? current, out string summary)
    {
        var args = context.Arguments;
        var xpath = args.RequireString("xpath");
        var attribute = args.GetString("attribute");
        var value = args.GetString("value");
        var absent = args.GetString("state") == "absent";
        if (attribute is not null && value is null && !absent)
        {
            throw context.Error("'attribute' needs 'value' (or state: absent to remove it)");
        }

        var editor = new XmlTextEditor(current!);
        var matches = editor.Select(xpath);
        if (absent)
        {
            foreach (var element in matches)
            {
                if (attribute is null)
                {
                    editor.Remove(element);
                }
                else
                {
                    editor.RemoveAttribute(element, attribute);
                }
            }

            summary = editor.Changed
                ? attribute is null ? $"would remove {matches.Count} element(s) matching {xpath}" : $"would remove attribute {attribute} from {xpath}"
                : $"nothing matches {xpath}{(attribute is null ? string.Empty : "/@" + attribute)}";
            return editor.Result();
        }

        if (matches.Count == 0)
        {
            var extra = attribute is not null ? new Dictionary<string, string> { [attribute] = value! } : new Dictionary<string, string>();
            var created = editor.Create(xpath, extra, attribute is null ? value : null);
            summary = $"would add {created}";
            return editor.Result();
        }

        foreach (var element in matches)
        {
            if (attribute is not null)
            {
                editor.SetAttribute(element, attribute, value!);
            }
            else if (value is not null)
            {
                editor.SetText(element, value);
            }
        }

        summary = editor.Changed
            ? attribute is not null ? $"would set {attribute}=\"{value}\" on {xpath}" : $"would set the text of {xpath}"
            : attribute is not null ? $"{xpath} already has {attribute}=\"{value}\"" : value is not null ? $"{xpath} already has that text" : $"{xpath} exists";
        return editor.Result();
    }
}

/// <summary><c>lineinfile</c>: make sure a line is present (replacing the last line matching <c>regexp</c>) or absent.</summary>
internal sealed class LineInFileModule : TextEditModule
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    public override string Name => "lineinfile";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add(new ArgumentDefinition("path", ArgumentType.String) { Required = true, Aliases = ["dest", "name"] })
        .Add("line", ArgumentType.String)
        .Add("regexp", ArgumentType.String)
        .Add("state", ArgumentType.String, defaultValue: "present", choices: ["present", "absent"])
        .Add("insertafter", ArgumentType.String)
        .Add("insertbefore", ArgumentType.String)
        .Add("firstmatch", ArgumentType.Boolean, defaultValue: false)
        .Add("create", ArgumentType.Boolean, defaultValue: false)
        .Add("backup", ArgumentType.Boolean, defaultValue: false)
        .Add("mode", ArgumentType.Mode)
        .Add("owner", ArgumentType.String)
        .Add("group", ArgumentType.String);

    protected override bool CreateWhenMissing(ModuleContext context) => context.Arguments.GetBool("create");

    protected override string? Edit(ModuleContext context, string? current, out string summary)
    {
        var args = context.Arguments;
        var line = args.GetString("line");
        var regexp = args.GetString("regexp") is { } r ? new Regex(r, RegexOptions.None, RegexTimeout) : null;
        var absent = args.GetString("state") == "absent";
        var newline = current?.Contains("\r\n", StringComparison.Ordinal) == true ? "\r\n" : "\n";
        var lines = Split(current ?? string.Empty, newline);
        if (absent)
        {
            if (regexp is null && line is null)
            {
                throw context.Error("state: absent needs 'regexp' or 'line'");
            }

            var removed = lines.RemoveAll(l => regexp?.IsMatch(l) ?? l == line);
            summary = removed > 0 ? $"would remove {removed} line(s)" : "no matching line";
            return removed > 0 ? Join(lines, newline, current) : current;
        }

        if (line is null)
        {
            throw context.Error("state: present needs 'line'");
        }

        if (regexp is not null)
        {
            var index = lines.FindLastIndex(regexp.IsMatch);
            if (index >= 0)
            {
                if (lines[index] == line)
                {
                    summary = "line is already there";
                    return current;
                }

                lines[index] = line;
                summary = "would replace a line";
                return Join(lines, newline, current);
            }
        }
        else if (lines.Contains(line))
        {
            summary = "line is already there";
            return current;
        }

        var at = InsertPosition(lines, args);
        lines.Insert(at, line);
        summary = current is null ? "would create the file with the line" : "would add a line";
        return Join(lines, newline, current);
    }

    private static int InsertPosition(List<string> lines, ModuleArguments args)
    {
        var first = args.GetBool("firstmatch");
        if (args.GetString("insertbefore") is { } before)
        {
            if (before == "BOF")
            {
                return 0;
            }

            var re = new Regex(before, RegexOptions.None, RegexTimeout);
            var i = first ? lines.FindIndex(re.IsMatch) : lines.FindLastIndex(re.IsMatch);
            return i >= 0 ? i : lines.Count;
        }

        if (args.GetString("insertafter") is { } after && after != "EOF")
        {
            var re = new Regex(after, RegexOptions.None, RegexTimeout);
            var i = first ? lines.FindIndex(re.IsMatch) : lines.FindLastIndex(re.IsMatch);
            return i >= 0 ? i + 1 : lines.Count;
        }

        return lines.Count;
    }

    private static List<string> Split(string text, string newline)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var body = text.EndsWith(newline, StringComparison.Ordinal) ? text[..^newline.Length] : text;
        return body.Split(newline).ToList();
    }

    private static string Join(List<string> lines, string newline, string? original) =>
        lines.Count == 0 ? string.Empty : string.Join(newline, lines) + newline;
}
