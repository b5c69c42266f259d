using System.Text.RegularExpressions;

namespace Orchestrator.Engine.Modules.Builtin;

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

    protected override TextEdit Edit(ModuleContext context, string? current)
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
            return removed > 0 ? TextEdit.Changed(Join(lines, newline, current), new("remove", $"{removed} line(s)")) : TextEdit.Same(current, "no matching line");
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
                    return TextEdit.Same(current, "line is already there");
                }

                lines[index] = line;
                return TextEdit.Changed(Join(lines, newline, current), new("replace", "a line"));
            }
        }
        else if (lines.Contains(line))
        {
            return TextEdit.Same(current, "line is already there");
        }

        var at = InsertPosition(lines, args);
        lines.Insert(at, line);
        return TextEdit.Changed(Join(lines, newline, current), current is null ? new("create", "the file with the line") : new("add", "a line"));
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
