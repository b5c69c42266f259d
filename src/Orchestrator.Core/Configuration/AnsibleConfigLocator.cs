namespace Orchestrator.Core.Configuration;

/// <summary>
/// Finds ansible.cfg as ansible-core's <c>find_ini_config_file</c> does: <c>$ANSIBLE_CONFIG</c> (a file, or a directory
/// holding ansible.cfg), <c>./ansible.cfg</c> unless the working directory is world-writable, <c>~/.ansible.cfg</c>,
/// <c>/etc/ansible/ansible.cfg</c>. The first that exists and is readable wins; nothing is merged.
/// </summary>
internal static class AnsibleConfigLocator
{
    public const string SystemPath = "/etc/ansible/ansible.cfg";

    /// <returns>The file to read, or null; and the warning Ansible gives for a skipped ansible.cfg in a world-writable directory.</returns>
    public static (string? Path, string? Warning) Find(ConfigEnvironment environment, string systemPath = SystemPath)
    {
        var candidates = new List<string>();
        string? fromEnv = null;
        if (environment.Variable("ANSIBLE_CONFIG") is { } configured)
        {
            fromEnv = ConfigPaths.Resolve(configured, environment.WorkingDirectory, environment);
            if (Directory.Exists(fromEnv))
            {
                fromEnv = Path.Combine(fromEnv, "ansible.cfg");
            }

            candidates.Add(fromEnv);
        }

        var cwd = environment.WorkingDirectory;
        var cwdFile = Path.Combine(cwd, "ansible.cfg");
        var skippedCwd = false;
        if (IsWorldWritable(cwd))
        {
            skippedCwd = File.Exists(cwdFile);
        }
        else
        {
            candidates.Add(cwdFile);
        }

        candidates.Add(Path.Combine(environment.HomeDirectory, ".ansible.cfg"));
        candidates.Add(systemPath);

        var found = candidates.FirstOrDefault(IsReadableFile);
        var warning = skippedCwd && found != fromEnv
            ? $"Ansible is being run in a world writable directory ({cwd}), ignoring it as an ansible.cfg source."
            : null;
        return (found, warning);
    }

    private static bool IsWorldWritable(string directory)
    {
        try
        {
            return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(directory) & UnixFileMode.OtherWrite) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Python's <c>os.path.exists and os.access(R_OK)</c>: a directory counts too, and then fails to read, as in Ansible.</summary>
    private static bool IsReadableFile(string path)
    {
        if (Directory.Exists(path))
        {
            return true;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
