using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>
/// The real <c>ansible-vault</c>, run with a clean environment (only PATH, HOME in the test's directory, no ansible.cfg),
/// the reference the vault tests encrypt and decrypt with.
/// </summary>
public static class AnsibleVaultTool
{
    public static string Executable => ProcessRunner.Which("ansible-vault")
        ?? throw new InvalidOperationException("ansible-vault was not found on PATH; install ansible-core with scripts/install-deps.sh.");

    /// <summary>Runs ansible-vault in <paramref name="directory"/>; a non-zero exit fails the test unless <paramref name="allowFailure"/>.</summary>
    public static Task<ProcessResult> RunAsync(string directory, IEnumerable<string> arguments, string? stdin = null, bool allowFailure = false) =>
        RunToolAsync(Executable, directory, arguments, stdin, allowFailure);

    /// <summary>Runs an Ansible command-line tool (ansible-vault, ansible-inventory, ansible-playbook) with the same clean environment.</summary>
    public static async Task<ProcessResult> RunToolAsync(string program, string directory, IEnumerable<string> arguments, string? stdin = null, bool allowFailure = false)
    {
        var args = arguments.ToList();
        var info = ProcessRunner.StartInfo(program, args, environment: null);
        info.WorkingDirectory = directory;
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        info.Environment["HOME"] = directory;
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["ANSIBLE_CONFIG"] = Path.Combine(directory, "no-ansible.cfg");
        info.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(directory, ".ansible-tmp");
        info.Environment["ANSIBLE_NOCOLOR"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        var result = new ProcessResult(process.ExitCode, await stdout, await stderr);
        if (!allowFailure && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} failed (exit {result.ExitCode}): {result.Stderr}");
        }

        return result;
    }
}
