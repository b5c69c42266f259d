using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Support;

/// <summary>
/// The real Ansible (Debian package ansible-core), used as the reference. Missing tools make the tests
/// fail with a message saying how to install them; they are never skipped.
/// </summary>
internal static class AnsibleReference
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["ANSIBLE_CONFIG"] = Path.Combine(InventoryTestPaths.Differential, "ansible.cfg"),
        ["ANSIBLE_NOCOLOR"] = "1",
        ["ANSIBLE_FORCE_COLOR"] = "0",
        ["ANSIBLE_DEPRECATION_WARNINGS"] = "False",
        ["ANSIBLE_LOCALHOST_WARNING"] = "False",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    /// <summary>
    /// Runs a Python script with the interpreter and modules Ansible uses, feeding it JSON on stdin; returns
    /// its stdout. Used as an oracle for the Python rules Ansible relies on (literal_eval, shlex, fnmatch...).
    /// </summary>
    public static Task<string> PythonAsync(string script, string stdinJson) => AnsibleTools.RunPythonAsync(script, stdinJson, Environment);

    /// <summary>ansible-inventory with any arguments, in <paramref name="directory"/>, whatever its outcome.</summary>
    public static Task<ProcessResult> InventoryAsync(string directory, IEnumerable<string> arguments) =>
        ProcessRunner.RunAsync(AnsibleTools.AnsibleInventory, arguments, directory, environment: Environment);

    /// <summary>ansible-inventory -i S1 -i S2 --list, run in <paramref name="directory"/>.</summary>
    public static async Task<ProcessResult> ListAsync(string directory, IEnumerable<string> sources)
    {
        var args = sources.SelectMany(s => new[] { "-i", s }).Append("--list");
        var result = await ProcessRunner.RunAsync(AnsibleTools.AnsibleInventory, args, directory, environment: Environment);
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
        return ProcessRunner.RunAsync(AnsibleTools.Ansible, args, directory, environment: Environment);
    }

    /// <summary>
    /// Many patterns in one Python process through Ansible's InventoryManager, the calls `ansible --list-hosts`
    /// makes (see ansible_list_hosts.py); null entries mean Ansible raised an error for that query.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>?>> ListHostsAsync(
        string directory, IReadOnlyList<string> sources, IReadOnlyList<(string Pattern, string? Limit)> queries)
    {
        var driver = Path.Combine(InventoryTestPaths.Differential, "ansible_list_hosts.py");
        var request = JsonSerializer.Serialize(new
        {
            sources,
            queries = queries.Select(q => new { pattern = q.Pattern, limit = q.Limit }),
        });
        var result = await ProcessRunner.RunAsync(AnsibleTools.Python, [driver], directory, request, Environment);
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
