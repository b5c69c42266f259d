using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;

namespace Orchestrator.Core.Vault;

/// <summary>
/// Turns Ansible's password options into <see cref="VaultSecret"/>s, in Ansible's order (<c>cli/__init__.py</c>
/// setup_vault_secrets): the configured identity list, then each <c>--vault-id label@source</c>, then each password
/// file (id "default"), then <c>--ask-vault-pass</c>. A source is <c>prompt</c> (asked on the terminal), an
/// executable file (run; its stdout is the password; a <c>*-client</c> script gets <c>--vault-id label</c>) or a
/// plain file (its content, stripped). Unlike Ansible, which only warns, a password file that cannot be read is an error.
/// </summary>
public static partial class VaultPasswordSources
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    /// <param name="identityList">ansible.cfg <c>vault_identity_list</c> / ANSIBLE_VAULT_IDENTITY_LIST entries.</param>
    /// <param name="vaultIds">The <c>--vault-id</c> values, in order.</param>
    /// <param name="passwordFiles">The <c>--vault-password-file</c> values, then ansible.cfg <c>vault_password_file</c>.</param>
    /// <param name="askVaultPass">True for <c>--ask-vault-pass</c>.</param>
    /// <param name="prompt">Asks for a password without echo; returns null when there is no terminal.</param>
    public static IReadOnlyList<VaultSecret> Load(
        IEnumerable<string> identityList,
        IEnumerable<string> vaultIds,
        IEnumerable<string> passwordFiles,
        bool askVaultPass,
        Func<string, string?> prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var slugs = identityList.Concat(vaultIds).Select(Split)
            .Concat(passwordFiles.Select(f => (VaultSecret.DefaultLabel, f)))
            .ToList();
        if (askVaultPass)
        {
            slugs.Add((VaultSecret.DefaultLabel, "prompt_ask_vault_pass"));
        }

        var secrets = new List<VaultSecret>();
        foreach (var (label, source) in slugs)
        {
            secrets.Add(new VaultSecret(label, source switch
            {
                "prompt" => Prompt(prompt, $"Vault password ({label}): ", label),
                "prompt_ask_vault_pass" => Prompt(prompt, "Vault password: ", label),
                _ => FromFile(source, label),
            }));
        }

        return secrets;
    }

    /// <summary>Splits <c>label@source</c>; a value without '@' is a source for the id "default" (Ansible's split_vault_id).</summary>
    public static (string Label, string Source) Split(string vaultId)
    {
        ArgumentNullException.ThrowIfNull(vaultId);
        var at = vaultId.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (VaultSecret.DefaultLabel, vaultId) : (at == 0 ? VaultSecret.DefaultLabel : vaultId[..at], vaultId[(at + 1)..]);
    }

    private static byte[] Prompt(Func<string, string?> prompt, string text, string label)
    {
        var value = prompt(text) ?? throw new UserInputException(
            $"a vault password for '{label}' must be typed, but there is no terminal to ask on; use --vault-password-file or --vault-id {label}@FILE");
        var bytes = Encoding.UTF8.GetBytes(value.Trim());
        return bytes.Length > 0 ? bytes : throw new UserInputException("Invalid vault password was provided from prompt: the password is empty");
    }

    private static byte[] FromFile(string path, string label)
    {
        var full = Path.GetFullPath(Environment.ExpandEnvironmentVariables(path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path));
        if (Directory.Exists(full))
        {
            throw new UserInputException($"The vault password file {full} {InputPath.IsADirectory}");
        }

        if (!File.Exists(full))
        {
            throw new UserInputException($"The vault password file {full} was not found");
        }

        byte[] raw;
        if (IsExecutable(full))
        {
            raw = RunScript(full, ScriptIsClient(full) ? label : null);
        }
        else
        {
            try
            {
                raw = Encoding.UTF8.GetBytes(File.ReadAllText(full).Trim());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"Could not read vault password file {full}: {ex.Message}");
            }
        }

        var password = StripNewlines(raw);
        return password.Length > 0 ? password : throw new UserInputException($"Invalid vault password was provided from file ({full}): the password is empty");
    }

    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static byte[] RunScript(string path, string? clientLabel)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        if (clientLabel is not null)
        {
            info.ArgumentList.Add("--vault-id");
            info.ArgumentList.Add(clientLabel);
        }

        using var process = Start(info, path);
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ScriptTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new UserInputException($"The vault password script {path} did not finish within {ScriptTimeout.TotalSeconds:0} seconds");
        }

        copy.Wait();
        if (process.ExitCode != 0)
        {
            var detail = clientLabel is not null && process.ExitCode == 2 ? $"it does not know the vault id '{clientLabel}'" : "it failed";
            throw new UserInputException($"Vault password script {path} returned non-zero ({process.ExitCode}): {detail}; stderr: {stderr.Result.Trim()}");
        }

        return stdout.ToArray();
    }

    private static Process Start(ProcessStartInfo info, string path)
    {
        try
        {
            return Process.Start(info) ?? throw new UserInputException($"Problem running vault password script {path}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new UserInputException($"Problem running vault password script {path} ({ex.Message}). If this is not a script, remove the executable bit from the file.");
        }
    }

    private static byte[] StripNewlines(byte[] raw)
    {
        var start = 0;
        var end = raw.Length;
        while (start < end && raw[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && raw[end - 1] is (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return raw[start..end];
    }

    private static bool ScriptIsClient(string path) => ClientScript().IsMatch(Path.GetFileName(path));

    [GeneratedRegex(@"-client(\.[^.]+)?$")]
    private static partial Regex ClientScript();
}
