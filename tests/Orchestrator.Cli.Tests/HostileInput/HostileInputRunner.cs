using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.HostileInput;

/// <summary>
/// Runs one corpus case through the real executable under <c>/usr/bin/time</c>, with HOME, XDG_* and TMPDIR inside
/// the case's own directory, and asserts what every bad input must give: exit ≠ 0, a message holding the expected
/// text, no stack trace or exception type name, bounded output, nothing written anywhere in that directory, and
/// CPU time, wall time and peak memory under <see cref="MaxCpuSeconds"/>, <see cref="MaxWallSeconds"/> and
/// <see cref="MaxKilobytes"/>. Each case takes well under a second of CPU alone; the wall bound is looser because
/// the test machine is shared (2 cores, parallel test runs), CPU time is what a runaway reader cannot hide.
/// </summary>
public static partial class HostileInputRunner
{
    public const double MaxCpuSeconds = 5;

    public const double MaxWallSeconds = 15;

    public const long MaxKilobytes = 300 * 1024;

    private const int MaxOutputChars = 64 * 1024;

    public static async Task RunAsync(string area, string name)
    {
        var testCase = HostileInputCase.Load(area, name);
        const string time = "/usr/bin/time";
        Assert.True(File.Exists(time), $"{time} is missing: install the Debian package 'time' (scripts/install-deps.sh)");
        Assert.True(File.Exists(OrchestratorCli.Executable), $"{OrchestratorCli.Executable} is missing: build the solution");

        using var root = new TempDirectory("orchestrator-hostile-");
        var work = Directory.CreateDirectory(root.Combine("work")).FullName;
        var home = Directory.CreateDirectory(root.Combine("home")).FullName;
        var tmp = Directory.CreateDirectory(root.Combine("tmp")).FullName;
        var timings = Path.Combine(Path.GetTempPath(), $"orchestrator-hostile-{Guid.NewGuid():N}.time");
        testCase.Materialize(work);
        var before = Snapshot(root.Path);

        var arguments = new List<string> { "-f", "%e %U %S %M", "-o", timings, OrchestratorCli.Executable };
        arguments.AddRange(testCase.Arguments.Select(a => a.Replace("{dir}", work, StringComparison.Ordinal)));
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_STATE_HOME"] = Path.Combine(home, ".local", "state"),
            ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
            ["TMPDIR"] = tmp,
            // The runtime's diagnostics socket would be the only file in TMPDIR; it is not ours to judge.
            ["DOTNET_EnableDiagnostics"] = "0",
            ["NO_COLOR"] = "1",
        };
        ProcessResult result;
        string measured;
        try
        {
            result = await ProcessRunner.RunAsync(time, arguments, work, environment: environment, timeout: TimeSpan.FromSeconds(60));
            measured = File.ReadAllLines(timings).Last(l => l.Length > 0);
        }
        finally
        {
            File.Delete(timings);
        }

        var output = result.Stdout + result.Stderr;
        var context = $"case {area}/{name}: orchestrator {string.Join(' ', testCase.Arguments)}\n{Shorten(result.ToString())}";
        Assert.True(result.ExitCode != 0, $"exit 0 for bad input\n{context}");
        foreach (var expected in testCase.Expected)
        {
            Assert.True(output.Contains(expected, StringComparison.Ordinal), $"the message does not hold '{expected}'\n{context}");
        }

        Assert.False(StackFrame().IsMatch(output), $"a stack trace\n{context}");
        Assert.False(ExceptionName().IsMatch(output), $"an exception type name\n{context}");
        Assert.True(output.Length <= MaxOutputChars, $"{output.Length} characters of output; expected at most {MaxOutputChars}\n{context}");

        var after = Snapshot(root.Path);
        var written = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key).ToList();
        Assert.True(written.Count == 0, $"files written: {string.Join(", ", written)}\n{context}");

        var parts = measured.Split(' ');
        var wall = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var cpu = double.Parse(parts[1], CultureInfo.InvariantCulture) + double.Parse(parts[2], CultureInfo.InvariantCulture);
        var kilobytes = long.Parse(parts[3], CultureInfo.InvariantCulture);
        Assert.True(cpu <= MaxCpuSeconds, $"{cpu} s of CPU; expected at most {MaxCpuSeconds} s\n{context}");
        Assert.True(wall <= MaxWallSeconds, $"{wall} s; expected at most {MaxWallSeconds} s\n{context}");
        Assert.True(kilobytes <= MaxKilobytes, $"{kilobytes} KB peak RSS; expected at most {MaxKilobytes} KB\n{context}");
    }

    // Every file and directory under the root with its size and modification time.
    private static Dictionary<string, string> Snapshot(string root) =>
        new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .ToDictionary(
                i => Path.GetRelativePath(root, i.FullName),
                i => i is FileInfo f ? $"{f.Length} {f.LastWriteTimeUtc.Ticks}" : "dir",
                StringComparer.Ordinal);

    private static string Shorten(string text) => text.Length > 4000 ? text[..4000] + "\n[...]" : text;

    [GeneratedRegex(@"^\s+at \S", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Exception\b|Unhandled exception|System\.[A-Z]")]
    private static partial Regex ExceptionName();
}
