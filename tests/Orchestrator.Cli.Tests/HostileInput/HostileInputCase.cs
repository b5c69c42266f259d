using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Tests.HostileInput;

/// <summary>
/// One case of the hostile-input corpus: a folder under <c>HostileInput/Cases/&lt;area&gt;/</c> holding the input
/// files and <c>case.txt</c>, the expectations:
/// <code>
/// # what the case is about
/// args: inventory -i inv.yml --list      (CLI arguments, split on spaces; {dir} is the case's work directory)
/// arg: */5 * * * *                       (one more argument, spaces kept)
/// expect: inv.yml:3:9:                   (text the message must hold; repeatable)
/// mkdir: conf                            (an empty directory to create; git keeps none)
/// exec: inv.sh                            (an input file to make executable, as git may not keep the mode)
/// </code>
/// Input files may hold <c>@@repeat N TEXT@@</c> (TEXT N times, \n \t \\ escapes) and <c>@@hex 00ff@@</c> (raw
/// bytes), so deep, huge and binary inputs are a few bytes in the repository.
/// </summary>
public sealed partial class HostileInputCase
{
    private HostileInputCase(string area, string name, string folder, IReadOnlyList<string> arguments, IReadOnlyList<string> expected, IReadOnlyList<string> directories, IReadOnlyList<string> executables)
    {
        Executables = executables;
        Area = area;
        Name = name;
        Folder = folder;
        Arguments = arguments;
        Expected = expected;
        Directories = directories;
    }

    public static string Root => Path.Combine(AppContext.BaseDirectory, "HostileInput", "Cases");

    public string Area { get; }

    public string Name { get; }

    public string Folder { get; }

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyList<string> Expected { get; }

    public IReadOnlyList<string> Directories { get; }

    public IReadOnlyList<string> Executables { get; }

    /// <summary>The case names of one area, for a theory's data.</summary>
    public static TheoryData<string> Names(string area)
    {
        var folder = Path.Combine(Root, area);
        Assert.True(Directory.Exists(folder), $"{folder} is missing: the corpus is copied to the test output by the csproj");
        var data = new TheoryData<string>();
        foreach (var name in Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(name!);
        }

        return data;
    }

    public static HostileInputCase Load(string area, string name)
    {
        var folder = Path.Combine(Root, area, name);
        var spec = Path.Combine(folder, "case.txt");
        Assert.True(File.Exists(spec), $"{spec} is missing");
        var arguments = new List<string>();
        var expected = new List<string>();
        var directories = new List<string>();
        var executables = new List<string>();
        foreach (var raw in File.ReadAllLines(spec))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"{spec}: '{line}' is not 'key: value'");
            var key = line[..colon];
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "args":
                    arguments.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "arg":
                    arguments.Add(value);
                    break;
                case "expect":
                    expected.Add(value);
                    break;
                case "mkdir":
                    directories.Add(value);
                    break;
                case "exec":
                    executables.Add(value);
                    break;
                default:
                    Assert.Fail($"{spec}: unknown key '{key}'; expected args, arg, expect, mkdir or exec");
                    break;
            }
        }

        Assert.True(arguments.Count > 0, $"{spec}: no args");
        Assert.True(expected.Count > 0, $"{spec}: no expect line (every case says what the message must hold)");
        return new HostileInputCase(area, name, folder, arguments, expected, directories, executables);
    }

    /// <summary>Writes the case's inputs, macros expanded, into <paramref name="workDirectory"/>.</summary>
    public void Materialize(string workDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Folder, file);
            if (relative == "case.txt")
            {
                continue;
            }

            var target = Path.Combine(workDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, Expand(File.ReadAllText(file)));
        }

        foreach (var directory in Directories)
        {
            Directory.CreateDirectory(Path.Combine(workDirectory, directory));
        }

        foreach (var executable in Executables.Where(_ => !OperatingSystem.IsWindows()))
        {
            var path = Path.Combine(workDirectory, executable);
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }
    }

    private static byte[] Expand(string text)
    {
        using var bytes = new MemoryStream();
        var at = 0;
        foreach (Match m in Macro().Matches(text))
        {
            bytes.Write(Encoding.UTF8.GetBytes(text[at..m.Index]));
            if (m.Groups["hex"].Success)
            {
                bytes.Write(Convert.FromHexString(m.Groups["hex"].Value));
            }
            else
            {
                var piece = Encoding.UTF8.GetBytes(Regex.Unescape(m.Groups["text"].Value));
                var count = int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture);
                for (var i = 0; i < count; i++)
                {
                    bytes.Write(piece);
                }
            }

            at = m.Index + m.Length;
        }

        bytes.Write(Encoding.UTF8.GetBytes(text[at..]));
        return bytes.ToArray();
    }

    [GeneratedRegex(@"@@(?:hex (?<hex>[0-9a-fA-F]*)|repeat (?<count>\d+) (?<text>.*?))@@", RegexOptions.Singleline)]
    private static partial Regex Macro();
}
