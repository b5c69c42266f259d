using System.ComponentModel;
using Orchestrator.FreeSwitch.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.FreeSwitch;

/// <summary><c>orchestrator freeswitch config</c>: a local FreeSWITCH conf dir's effective capture-related settings, offline.</summary>
internal sealed class FreeSwitchConfigCommand : Command<FreeSwitchConfigCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--conf-dir <DIR>")]
        [Description("A FreeSWITCH conf dir (a copy of /etc/freeswitch) to read, pre-processed as FreeSWITCH does.")]
        public string? ConfDir { get; init; }

        [CommandOption("--var <NAME=VALUE>")]
        [Description("A runtime variable FreeSWITCH would compute (local_ip_v4, local_ip_v6, hostname, ...). Repeatable. Defaults: local_ip_v4=127.0.0.1, local_ip_v6=::1, hostname=localhost, Debian paths, conf_dir=DIR.")]
        public string[] Vars { get; init; } = [];

        [CommandOption("--output <FORMAT>")]
        [Description("text (default) or json.")]
        public string Output { get; init; } = "text";

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(ConfDir))
            {
                return ValidationResult.Error("found no --conf-dir; expected --conf-dir DIR (a FreeSWITCH conf dir such as a copy of /etc/freeswitch)");
            }

            if (Output is not ("text" or "json"))
            {
                return ValidationResult.Error($"--output '{Output}': expected text or json");
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var given = ConfigReview.ParseVariables(settings.Vars);
        var effective = ConfigReview.Load(settings.ConfDir!, given);
        var variables = new Dictionary<string, string>(ConfigReview.DefaultVariables(effective.ConfDir), StringComparer.Ordinal);
        foreach (var (k, v) in given)
        {
            variables[k] = v;
        }

        var text = settings.Output == "json" ? ConfigReview.ToJson(effective, variables) : ConfigReview.ToText(effective, variables);
        using var stdout = Console.OpenStandardOutput();
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        stdout.Write(bytes);
        return 0;
    }
}
