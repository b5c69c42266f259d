using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Config;

/// <summary><c>orchestrator config dump [--only-changed] [-o json]</c>: the resolved settings with their origins.</summary>
internal sealed class ConfigDumpCommand : Command<ConfigDumpCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--only-changed|--changed-only")]
        [Description("Only settings set by the environment or the file, not defaults.")]
        public bool OnlyChanged { get; init; }

        [CommandOption("-o|--output <FORMAT>")]
        [Description("text (default; ansible-config dump's format) or json.")]
        public string Output { get; init; } = "text";

        public override ValidationResult Validate() =>
            Output is "text" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--output '{Output}': expected text or json.");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = CommandConfiguration.Load(Console.Error);
        if (settings.Output == "json")
        {
            ConfigDumpJson.Write(Console.Out, config, settings.OnlyChanged);
        }
        else
        {
            Console.Out.Write(ConfigDumpText.Render(config, settings.OnlyChanged));
        }

        return 0;
    }
}
