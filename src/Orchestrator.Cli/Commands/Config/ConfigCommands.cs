using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Config;

/// <summary>Registers <c>orchestrator config ...</c>, the counterpart of <c>ansible-config</c>.</summary>
internal static class ConfigCommands
{
    public static void AddConfigCommands(this IConfigurator config) =>
        config.AddBranch("config", branch =>
        {
            branch.SetDescription("The ansible.cfg in use and the settings it resolves to, like ansible-config.");
            branch.AddCommand<ConfigDumpCommand>("dump")
                .WithDescription("Each setting orchestrator implements, its value and where it came from (default, env: NAME, or the file), like ansible-config dump; then the file's keys orchestrator ignores.")
                .WithExample("config", "dump", "--only-changed")
                .WithExample("config", "dump", "-o", "json");
            branch.AddCommand<ConfigViewCommand>("view")
                .WithDescription("Print the ansible.cfg in use, like ansible-config view.")
                .WithExample("config", "view");
        });
}
