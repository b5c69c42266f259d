namespace Orchestrator.Core.Configuration;

/// <summary>What finding and resolving ansible.cfg reads from the process: environment variables, working and home directories.</summary>
public sealed class ConfigEnvironment
{
    private readonly Func<string, string?> _variable;

    public ConfigEnvironment(Func<string, string?> variable, string workingDirectory, string homeDirectory)
    {
        _variable = variable;
        WorkingDirectory = workingDirectory;
        HomeDirectory = homeDirectory;
    }

    /// <summary>This process's environment, working directory and <c>$HOME</c>.</summary>
    public static ConfigEnvironment Current => new(
        Environment.GetEnvironmentVariable,
        Directory.GetCurrentDirectory(),
        Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public string WorkingDirectory { get; }

    public string HomeDirectory { get; }

    /// <summary>The variable's value (possibly empty), or null when it is not set.</summary>
    public string? Variable(string name) => _variable(name);
}
