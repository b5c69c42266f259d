using System.Text.Json;

namespace Orchestrator.Inventory.Tests.Support;

/// <summary>
/// The real Ansible (Debian package ansible-core), used as the reference. Missing tools make the tests
/// fail with a message saying how to install them; they are never skipped.
/// </summary>
internal static class AnsibleReference
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["ANSIBLE_CONFIG"] = Path.Combine(RepoPaths.TestProject, "Differential", "ansible.cfg"),
        ["ANSIBLE_NOCOLOR"] = "1",
        ["ANSIBLE_FORCE_COLOR"] = "0",
        ["ANSIBLE_DEPRECATION_WARNINGS"] = "False",
        ["ANSIBLE_LOCALHOST_WARNING"] = "False",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    private static readonly Lazy<(string Inventory, string Ansible, string Python)> Tools = new(() =>
    {
        var inventory = ProcessRunner.Which("ansible-inventory");
        var ansible = ProcessRunner.Which("ansible");
        if (inventory is null || ansible is null)
        {
            throw new InvalidOperationException(
                "ansible-inventory and ansible were not found on PATH. The differential tests compare Orchestrator with the real Ansible; " +
                "install it with scripts/install-deps.sh (it installs the Debian package ansible-core).");
        }

        // Run the pattern driver with the interpreter Ansible itself uses (its shebang).
        var shebang = File.ReadLines(ansible).FirstOrDefault() ?? "";
        var python = shebang.StartsWith("#!", StringComparison.Ordinal) ? shebang[2..].Trim().Split(' ')[0] : "python3";
        if (python.EndsWith("/env", StringComparison.Ordinal))
        {
            python = shebang[2..].Trim().Split(' ')[1];
        }

        return (inventory, ansible, python);
    });

    public static string AnsiblePath => Tools.Value.Ansible;

    /// <summary>
    /// Runs a Python script with the interpreter and modules Ansible uses, feeding it JSON on stdin; returns
    /// its stdout. Used as an oracle for the Python rules Ansible relies on (literal_eval, shlex, fnmatch...).
    /// </summary>
    public static async Task<string> PythonAsync(string script, string stdinJson)
    {
        var result = await ProcessRunner.RunAsync(Tools.Value.Python, ["-c", script], Path.GetTempPath(), stdinJson, Environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"python oracle failed (exit {result.ExitCode}):\n{result.Stderr}");
        }

        return result.Stdout;
    }

    /// <summary>ansible-inventory -i S1 -i S2 --list, run in <paramref name="directory"/>.</summary>
    public static async Task<ProcessResult> ListAsync(string directory, IEnumerable<string> sources)
    {
        var args = sources.SelectMany(s => new[] { "-i", s }).Append("--list");
        var result = await ProcessRunner.RunAsync(Tools.Value.Inventory, args, directory, environment: Environment);
        if (result.ExitCode != 0 || result.Stderr.Contains("Unable to parse", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"ansible-inventory failed in {directory} (exit {result.ExitCode}):\n{result.Stderr}");
        }

        return result;
    }

    /// <summary>ansible PATTERN -i ... [-l LIMIT] --list-hosts, run for real.</summary>
    public static Task<ProcessResult> ListHostsCliAsync(string directory, IEnumerable<string> sources, string pattern, string? limit)
    {
        var args = new List<string> { pattern };
        args.AddRange(sources.SelectMany(s => new[] { "-i", s }));
        if (limit is not null)
        {
            args.AddRange(["-l", limit]);
        }

        args.Add("--list-hosts");
        return ProcessRunner.RunAsync(Tools.Value.Ansible, args, directory, environment: Environment);
    }

    /// <summary>
    /// Many patterns in one Python process through Ansible's InventoryManager, the calls `ansible --list-hosts`
    /// makes (see ansible_list_hosts.py); null entries mean Ansible raised an error for that query.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>?>> ListHostsAsync(
        string directory, IReadOnlyList<string> sources, IReadOnlyList<(string Pattern, string? Limit)> queries)
    {
        var driver = Path.Combine(RepoPaths.TestProject, "Differential", "ansible_list_hosts.py");
        var request = JsonSerializer.Serialize(new
        {
            sources,
            queries = queries.Select(q => new { pattern = q.Pattern, limit = q.Limit }),
        });
        var result = await ProcessRunner.RunAsync(Tools.Value.Python, [driver], directory, request, Environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the Ansible pattern driver failed in {directory} (exit {result.ExitCode}):\n{result.Stderr}");
        }

        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.EnumerateArray()
            .Select(e => e.TryGetProperty("hosts", out var hosts)
                ? (IReadOnlyList<string>?)hosts.EnumerateArray().Select(h => h.GetString()!).ToList()
                : null)
            .ToList();
    }
}
