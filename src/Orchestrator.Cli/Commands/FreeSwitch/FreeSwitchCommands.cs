using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.FreeSwitch;

/// <summary>Registers <c>orchestrator freeswitch ...</c>.</summary>
internal static class FreeSwitchCommands
{
    public static void AddFreeSwitchCommands(this IConfigurator config) =>
        config.AddBranch("freeswitch", fs =>
        {
            fs.SetDescription("FreeSWITCH configuration tools that work offline.");
            fs.AddCommand<FreeSwitchConfigCommand>("config")
                .WithDescription("Show a local conf dir's effective RTP range, robustness, capture-server, profiles and event socket (never the password).")
                .WithExample("freeswitch", "config", "--conf-dir", "/etc/freeswitch")
                .WithExample("freeswitch", "config", "--conf-dir", "conf", "--var", "local_ip_v4=10.0.0.5", "--output", "json");
        });
}
