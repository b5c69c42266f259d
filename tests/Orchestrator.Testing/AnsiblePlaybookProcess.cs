namespace Orchestrator.Testing;

/// <summary>
/// Runs the real ansible-playbook in a directory with a clean environment (PATH, HOME in the directory, its
/// ansible.cfg, no colours, no retry files), for differential tests. Missing ansible-playbook fails with how to install it.
/// </summary>
public static class AnsiblePlaybookProcess
{
    public const string Executable = "/usr/bin/ansible-playbook";

    public static async Task<ProcessResult> RunAsync(string directory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install ansible-core (scripts/install-deps.sh); this test compares with it");
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = directory,
            ["ANSIBLE_CONFIG"] = Path.Combine(directory, "ansible.cfg"),
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(directory, "tmp"),
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "0",
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        // env -i: only these variables reach Ansible, whatever the test runner's environment holds.
        return await ProcessRunner.RunAsync("/usr/bin/env", ["-i", .. env.Select(e => $"{e.Key}={e.Value}"), Executable, .. arguments], directory, timeout: TimeSpan.FromMinutes(3));
    }
}
