using YamlDotNet.RepresentationModel;

namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>
/// One case of the differential suite: a small Ansible repository under <c>AnsibleRepositories/Cases/&lt;name&gt;/</c>
/// (ansible.cfg naming the inventory, site.yml, roles, vars...) and an optional <c>case.yml</c>:
/// <code>
/// playbook: site.yml            # the entry playbook (default site.yml)
/// args: [-e, x=1, --tags, a]    # more arguments, the same for both tools
/// env: {ANSIBLE_FORKS: "1"}     # more environment variables, the same for both tools
/// load_error: true              # the playbook cannot load: both exit non-zero, no recap or task order compared
/// message: [roles/missing]      # text our output (stdout and stderr) must hold
/// </code>
/// </summary>
public sealed class RepositoryCase
{
    private const string SpecFile = "case.yml";

    private RepositoryCase(string name, string folder)
    {
        Name = name;
        Folder = folder;
    }

    public static string Root => Path.Combine(AppContext.BaseDirectory, "AnsibleRepositories", "Cases");

    public string Name { get; }

    public string Folder { get; }

    public string Playbook { get; private set; } = "site.yml";

    public IReadOnlyList<string> Arguments { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    public bool LoadError { get; private set; }

    public IReadOnlyList<string> Messages { get; private set; } = [];

    /// <summary>Every case's name, sorted.</summary>
    public static IReadOnlyList<string> AllNames()
    {
        Assert.True(Directory.Exists(Root), $"{Root} is missing: the cases are copied to the test output by the csproj");
        return [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];
    }

    public static RepositoryCase Load(string name)
    {
        var folder = Path.Combine(Root, name);
        Assert.True(Directory.Exists(folder), $"{folder} is missing");
        var result = new RepositoryCase(name, folder);
        var spec = Path.Combine(folder, SpecFile);
        if (File.Exists(spec))
        {
            result.ReadSpec(spec);
        }

        Assert.True(File.Exists(Path.Combine(folder, result.Playbook)), $"{name}: the entry playbook {result.Playbook} is missing");
        return result;
    }

    /// <summary>Copies the repository (without case.yml) into <paramref name="target"/>, with an empty out/ to write to.</summary>
    public void CopyTo(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Folder, file);
            if (relative == SpecFile)
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            if ((File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0)
            {
                File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
            }
        }

        Directory.CreateDirectory(Path.Combine(target, "out"));
    }

    /// <summary>
    /// The whole environment a tool runs with: a minimal PATH, a UTF-8 locale (Ansible refuses others), an empty HOME (no
    /// ~/.ansible.cfg), then the case's variables. No ANSIBLE_CONFIG: each tool finds ./ansible.cfg as a user's would.
    /// </summary>
    public Dictionary<string, string> EnvironmentWith(string home)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = home,
            ["LANG"] = "C.UTF-8",
        };
        foreach (var (key, value) in Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    public override string ToString() => Name;

    private void ReadSpec(string spec)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(spec))
        {
            stream.Load(reader);
        }

        var root = Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value;
            switch (key)
            {
                case "playbook":
                    Playbook = Scalar(value);
                    break;
                case "args":
                    Arguments = [.. Sequence(value)];
                    break;
                case "message":
                    Messages = [.. Sequence(value)];
                    break;
                case "env":
                    Environment = Assert.IsType<YamlMappingNode>(value).Children
                        .ToDictionary(p => Scalar(p.Key), p => Scalar(p.Value), StringComparer.Ordinal);
                    break;
                case "load_error":
                    LoadError = Scalar(value) == "true";
                    break;
                default:
                    Assert.Fail($"{spec}: unknown key '{key}'; expected playbook, args, env, load_error or message");
                    break;
            }
        }
    }

    private static string Scalar(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? "";

    private static IEnumerable<string> Sequence(YamlNode node) => Assert.IsType<YamlSequenceNode>(node).Children.Select(Scalar);
}
