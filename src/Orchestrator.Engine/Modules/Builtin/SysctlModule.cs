using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// <c>sysctl</c>: the live value (<c>sysctl -w</c>) and its persistence in <c>/etc/sysctl.d/&lt;file&gt;</c>. For
/// list-valued keys (<c>net.ipv4.ip_local_reserved_ports</c>) the wanted ports/ranges are merged with what is
/// already there (union; nothing existing is dropped), because writing the key replaces the whole list.
/// One command reads the live value and the persisted file.
/// </summary>
internal sealed partial class SysctlModule : Module<SysctlChange>
{
    private const string Separator = "--orchestrator-sysctl-file--";

    /// <summary>Keys whose value is a comma-separated set of ports and ranges.</summary>
    private static readonly HashSet<string> PortListKeys = new(StringComparer.Ordinal)
    {
        "net.ipv4.ip_local_reserved_ports",
    };

    public override string Name => "sysctl";

    public override IReadOnlyList<string> Aliases => ["ansible.posix.sysctl"];

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add(new ArgumentDefinition("name", ArgumentType.String) { Required = true, Aliases = ["key"] })
        .Add(new ArgumentDefinition("value", ArgumentType.String) { Aliases = ["val"] })
        .Add("state", ArgumentType.String, defaultValue: "present", choices: ["present", "absent"])
        .Add("sysctl_file", ArgumentType.String, defaultValue: "/etc/sysctl.d/99-orchestrator.conf")
        .Add("sysctl_set", ArgumentType.Boolean, defaultValue: true)
        .Add("merge", ArgumentType.Boolean);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var name = args.RequireString("name");
        if (!KeyRegex().IsMatch(name))
        {
            throw context.Error($"'{name}' is not a sysctl key");
        }

        var file = args.GetString("sysctl_file")!;
        var absent = args.GetString("state") == "absent";
        var value = args.GetString("value");
        if (!absent && value is null)
        {
            throw context.Error("state: present needs 'value'");
        }

        context.ReadResource("sysctl:" + name);
        context.ReadResource(file);
        var proc = "/proc/sys/" + name.Replace('.', '/');
        var probe = await context.RunAsync(
            RemoteCommand.Script($"cat -- \"$1\"; echo {Separator}; cat -- \"$2\" 2>/dev/null || echo __ABSENT__", proc, file), cancellationToken);
        var at = probe.Stdout.IndexOf(Separator, StringComparison.Ordinal);
        if (!probe.Succeeded || at < 0)
        {
            return ModulePlan.Fail($"cannot read {name}: {probe.Stderr.Trim()}");
        }

        var live = Normalize(probe.Stdout[..at]);
        var fileText = probe.Stdout[(at + Separator.Length)..].TrimStart('\n');
        var fileExists = fileText.TrimEnd() != "__ABSENT__";
        if (!fileExists)
        {
            fileText = string.Empty;
        }

        var lines = fileText.Length == 0 ? [] : fileText.TrimEnd('\n').Split('\n').ToList();
        var lineIndex = lines.FindLastIndex(l => LineKey(l) == name);
        var persisted = lineIndex >= 0 ? Normalize(lines[lineIndex][(lines[lineIndex].IndexOf('=', StringComparison.Ordinal) + 1)..]) : null;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name, ["live"] = live, ["sysctl_file"] = file };
        // Each change is one clause of the message: "set live: KEY = OLD -> NEW", "set FILE: KEY = VALUE".
        var changes = new List<string>();
        string? wantedLive = null;
        if (absent)
        {
            if (lineIndex >= 0)
            {
                lines.RemoveAt(lineIndex);
                changes.Add($"{file}: remove {name}");
            }
        }
        else
        {
            var merge = args.Has("merge") ? args.GetBool("merge") : PortListKeys.Contains(name);
            var wanted = Normalize(value!);
            if (merge)
            {
                wanted = MergePorts(name, wanted);
                var liveMerged = MergePorts(name, live + "," + wanted);
                wantedLive = liveMerged == MergePorts(name, live) ? null : liveMerged;
                var persistWanted = MergePorts(name, (persisted ?? string.Empty) + "," + liveMerged);
                if (persisted is null || MergePorts(name, persisted) != persistWanted)
                {
                    SetLine(lines, lineIndex, name, persistWanted);
                    changes.Add($"{file}: {name} = {persistWanted}");
                }
            }
            else
            {
                wantedLive = live == wanted ? null : wanted;
                if (persisted != wanted)
                {
                    SetLine(lines, lineIndex, name, wanted);
                    changes.Add($"{file}: {name} = {wanted}");
                }
            }

            if (!args.GetBool("sysctl_set", true))
            {
                wantedLive = null;
            }

            if (wantedLive is not null)
            {
                changes.Insert(0, $"live: {name} = {live} -> {wantedLive}");
            }

            result["value"] = wantedLive ?? live;
        }

        if (changes.Count == 0)
        {
            return ModulePlan.NoChange(absent ? $"{name} is not in {file}" : $"{name} = {live} (live and in {file})", result);
        }

        var newText = lines.Count == 0 ? string.Empty : string.Join("\n", lines) + "\n";
        var fileChanges = newText != fileText;
        var diffs = new List<ModuleDiff>();
        if (wantedLive is not null)
        {
            diffs.Add(new ModuleDiff("sysctl " + name) { Before = live + "\n", After = wantedLive + "\n", HasContent = true });
        }

        if (fileChanges)
        {
            diffs.Add(new ModuleDiff(file) { Before = fileExists ? fileText : null, After = newText, HasContent = true });
        }

        var change = new SysctlChange(name, wantedLive, fileChanges ? newText : null, file, changes.Select(c => new ChangeSummary("set", c)).ToList());
        return WouldChange(
            change.Planned,
            change,
            diffs,
            ["sysctl:" + name, file],
            result);
    }

    protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, SysctlChange change, ModulePlan plan, CancellationToken cancellationToken)
    {
        if (change.FileText is not null)
        {
            var dir = Path.GetDirectoryName(change.File) ?? "/";
            await context.RunAsync(RemoteCommand.Script("mkdir -p -- \"$1\"", dir), cancellationToken);
            await context.UploadAsync(new FileUpload(change.File, Encoding.UTF8.GetBytes(change.FileText)) { Mode = "0644" }, cancellationToken);
        }

        if (change.Live is not null)
        {
            var r = await context.RunAsync(RemoteCommand.Script("sysctl -w -- \"$1\"", change.Name + "=" + change.Live), cancellationToken);
            if (!r.Succeeded)
            {
                return ModuleResult.Fail($"sysctl -w {change.Name} failed (rc={r.ExitCode}): {(r.Stderr + r.Stdout).Trim()}", plan.Result);
            }
        }

        return ModuleResult.Change(change.Applied, plan.Result);
    }

    private static void SetLine(List<string> lines, int index, string name, string value)
    {
        var line = $"{name} = {value}";
        if (index >= 0)
        {
            lines[index] = line;
        }
        else
        {
            lines.Add(line);
        }
    }

    private static string? LineKey(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('#') || t.StartsWith(';'))
        {
            return null;
        }

        var eq = t.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? null : t[..eq].Trim().TrimStart('-').Replace('/', '.');
    }

    /// <summary>Whitespace runs become one space (the kernel prints tabs: "32768\t60999").</summary>
    internal static string Normalize(string value) => WhitespaceRegex().Replace(value.Trim(), " ");

    /// <summary>Union of comma-separated ports/ranges, as sorted, merged ranges ("1000-1010,2000").</summary>
    internal static string MergePorts(string key, string value)
    {
        var ranges = new List<(int Low, int High)>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0
                && int.TryParse(part[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                && int.TryParse(part[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
                && low <= high && high <= 65535)
            {
                ranges.Add((low, high));
            }
            else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
            {
                ranges.Add((port, port));
            }
            else
            {
                throw new ModuleException($"{key}: '{part}' is not a port or a port range (low-high)");
            }
        }

        var merged = new List<(int Low, int High)>();
        foreach (var r in ranges.OrderBy(r => r.Low))
        {
            if (merged.Count > 0 && r.Low <= merged[^1].High + 1)
            {
                merged[^1] = (merged[^1].Low, Math.Max(merged[^1].High, r.High));
            }
            else
            {
                merged.Add(r);
            }
        }

        return string.Join(",", merged.Select(r => r.Low == r.High ? r.Low.ToString(CultureInfo.InvariantCulture) : $"{r.Low}-{r.High}"));
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-/]+$")]
    private static partial Regex KeyRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
