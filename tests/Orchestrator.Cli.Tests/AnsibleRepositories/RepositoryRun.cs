using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>
/// What one tool did with a case, in the comparable form: the exit code, the recap per host, the task order and the
/// files under out/, each rendered as lines so that a mismatch reads as a small diff. <see cref="Output"/> is the
/// tool's own output, shown when the case fails.
/// </summary>
public sealed class RepositoryRun
{
    public required int ExitCode { get; init; }

    /// <summary>One line per host: <c>host ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0</c>.</summary>
    public required IReadOnlyList<string> Recap { get; init; }

    /// <summary>One line per task result: <c>task | host | status</c>, in the order the tool reported them.</summary>
    public required IReadOnlyList<TaskResultLine> Tasks { get; init; }

    /// <summary>One line per file or directory under out/: <c>path mode</c>, then a file's content, indented.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public required string Output { get; init; }

    /// <summary>
    /// The task order with the hosts of each task sorted: with forks &gt; 1 the hosts of one task finish in any order
    /// (in Ansible as in ours), while the linear strategy keeps tasks themselves in order. A run of consecutive
    /// results of the same task name is one task.
    /// </summary>
    public IReadOnlyList<string> TaskOrder()
    {
        var lines = new List<string>();
        var group = new List<TaskResultLine>();
        foreach (var line in Tasks)
        {
            if (group.Count > 0 && group[0].Task != line.Task)
            {
                Flush();
            }

            group.Add(line);
        }

        Flush();
        return lines;

        void Flush()
        {
            lines.AddRange(group.OrderBy(l => l.Host, StringComparer.Ordinal).Select(l => l.ToString()));
            group.Clear();
        }
    }

    /// <summary>A tool's run once it has exited: its output, what it reported, and the files it left under out/.</summary>
    public static RepositoryRun Finished(ProcessResult result, IReadOnlyList<TaskResultLine> tasks, IReadOnlyList<string> recap, string workDirectory) => new()
    {
        ExitCode = result.ExitCode,
        Recap = recap,
        Tasks = tasks,
        Files = SnapshotFiles(Path.Combine(workDirectory, "out")),
        Output = result.Stdout + result.Stderr,
    };

    public static string RecapLine(string host, int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored, int unknown)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{host} ok={ok} changed={changed} unreachable={unreachable} failed={failed} skipped={skipped} rescued={rescued} ignored={ignored}");
        // Ansible has no "unknown"; shown only when ours reports one, so that it is a difference.
        return unknown == 0 ? line : line + string.Create(CultureInfo.InvariantCulture, $" unknown={unknown}");
    }

    /// <summary>The files and directories under <paramref name="directory"/>: relative path, permission bits, content.</summary>
    public static IReadOnlyList<string> SnapshotFiles(string directory)
    {
        var lines = new List<string>();
        if (!Directory.Exists(directory))
        {
            return lines;
        }

        var entries = Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var relative = Path.GetRelativePath(directory, entry);
            var info = new FileInfo(entry);
            var mode = Convert.ToString((int)File.GetUnixFileMode(entry), 8).PadLeft(4, '0');
            if (info.LinkTarget is not null)
            {
                lines.Add($"{relative} -> {info.LinkTarget}");
            }
            else if (Directory.Exists(entry))
            {
                lines.Add($"{relative}/ {mode}");
            }
            else
            {
                lines.Add($"{relative} {mode}");
                lines.AddRange(Content(File.ReadAllBytes(entry)));
            }
        }

        return lines;
    }

    private static IEnumerable<string> Content(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return [$"    (binary, sha256 {Convert.ToHexString(SHA256.HashData(bytes))})"];
        }

        var text = Encoding.UTF8.GetString(bytes);
        var body = text.Split('\n').Select(l => "    |" + l).ToList();
        if (text.EndsWith('\n'))
        {
            body.RemoveAt(body.Count - 1);
        }
        else
        {
            body.Add("    (no newline at end)");
        }

        return body;
    }
}
