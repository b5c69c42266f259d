using Orchestrator.Core.Configuration;

namespace Orchestrator.Cli.Commands;

/// <summary>Loads this process's ansible.cfg for a command and prints its warnings on stderr, as Ansible does.</summary>
internal static class CommandConfiguration
{
    public static AnsibleConfiguration Load(TextWriter stderr)
    {
        var config = AnsibleConfigurationLoader.Load();
        foreach (var warning in config.Warnings)
        {
            stderr.WriteLine($"[WARNING]: {warning}");
        }

        return config;
    }
}
