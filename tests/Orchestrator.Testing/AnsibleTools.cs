namespace Orchestrator.Testing;

/// <summary>
/// The real Ansible (Debian package ansible-core), the reference the tests compare with. Missing tools fail the test
/// with a message saying how to install them; such tests carry <c>[Trait("Requires", "ansible")]</c> and are never skipped.
/// </summary>
public static class AnsibleTools
{
    private static readonly Lazy<(string Inventory, string Ansible, string Python)> Tools = new(() =>
    {
        var inventory = ProcessRunner.Which("ansible-inventory");
        var ansible = ProcessRunner.Which("ansible");
        if (inventory is null || ansible is null)
        {
            throw new InvalidOperationException(
                "ansible-inventory and ansible were not found on PATH. These tests compare Orchestrator with the real Ansible; " +
                "install it with scripts/install-deps.sh (it installs the Debian package ansible-core).");
        }

        // The interpreter Ansible itself runs with (its shebang): a python3 earlier on PATH (pyenv) may not have it.
        var shebang = File.ReadLines(ansible).FirstOrDefault() ?? "";
        var python = shebang.StartsWith("#!", StringComparison.Ordinal) ? shebang[2..].Trim().Split(' ')[0] : "python3";
        if (python.EndsWith("/env", StringComparison.Ordinal))
        {
            python = shebang[2..].Trim().Split(' ')[1];
        }

        return (inventory, ansible, python);
    });

    public static string AnsibleInventory => Tools.Value.Inventory;

    public static string Ansible => Tools.Value.Ansible;

    /// <summary>The Python that runs Ansible, with Ansible's modules importable.</summary>
    public static string Python => Tools.Value.Python;

    /// <summary>
    /// Runs a Python script with Ansible's interpreter, feeding it <paramref name="stdin"/>; returns its stdout. An oracle for
    /// the Python and Ansible rules we follow (literal_eval, shlex, fnmatch, Ansible's k=v parser...).
    /// </summary>
    public static async Task<string> RunPythonAsync(string script, string stdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await ProcessRunner.RunAsync(Python, ["-c", script], Path.GetTempPath(), stdin, environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the Python oracle ({Python}) failed (exit {result.ExitCode}); is ansible-core installed (scripts/install-deps.sh)?\n{result.Stderr}");
        }

        return result.Stdout;
    }
}
