using System.ComponentModel;
using System.Diagnostics;
using Orchestrator.Lab;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Lab;

internal sealed class LabUpCommand : AsyncCommand<LabUpCommand.Settings>
{
    internal sealed class Settings : LabSettings
    {
        [CommandOption("--hosts <N>")]
        [Description("Number of FreeSWITCH hosts (1-200), plus the homer collector. Default: 3")]
        public int Hosts { get; init; } = 3;

        [CommandOption("--name <NAME>")]
        [Description("Lab name; labs with different names coexist. Default: lab")]
        public string Name { get; init; } = "lab";

        [CommandOption("--scenario <SCENARIO>")]
        [Description("clean (default) or collide")]
        public string Scenario { get; init; } = "clean";

        [CommandOption("--rtp-start <PORT>")]
        [Description("rtp-start-port in switch.conf.xml")]
        public int? RtpStart { get; init; }

        [CommandOption("--rtp-end <PORT>")]
        [Description("rtp-end-port in switch.conf.xml")]
        public int? RtpEnd { get; init; }

        [CommandOption("--ephemeral-range <RANGE>")]
        [Description("net.ipv4.ip_local_port_range per host, \"LOW HIGH\" or LOW-HIGH")]
        public string? EphemeralRange { get; init; }

        [CommandOption("--reserved-ports <PORTS>")]
        [Description("net.ipv4.ip_local_reserved_ports per host, e.g. 20000-20099")]
        public string? ReservedPorts { get; init; }

        [CommandOption("--robustness <on|off>")]
        [Description("rtp-port-usage-robustness in switch.conf.xml")]
        public string? Robustness { get; init; }

        [CommandOption("--capture <on|off>")]
        [Description("sip-capture on the internal and external profiles")]
        public string? Capture { get; init; }

        [CommandOption("--capture-server <VALUE>")]
        [Description("capture-server in sofia.conf.xml. Default: udp:HOMER:9060")]
        public string? CaptureServer { get; init; }

        public override ValidationResult Validate()
        {
            foreach (var (flag, value) in new[] { ("--robustness", Robustness), ("--capture", Capture) })
            {
                if (value is not null && ParseOnOff(value) is null)
                {
                    return ValidationResult.Error($"{flag} '{value}': expected on or off");
                }
            }

            return ValidationResult.Success();
        }

        internal static bool? ParseOnOff(string? value) => value?.ToLowerInvariant() switch
        {
            "on" or "yes" or "true" => true,
            "off" or "no" or "false" => false,
            _ => null,
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new LabOptions
        {
            Name = settings.Name,
            Hosts = settings.Hosts,
            Directory = settings.Directory,
            Scenario = settings.Scenario,
            RtpStartPort = settings.RtpStart,
            RtpEndPort = settings.RtpEnd,
            EphemeralRange = settings.EphemeralRange,
            ReservedPorts = settings.ReservedPorts,
            Robustness = Settings.ParseOnOff(settings.Robustness),
            Capture = Settings.ParseOnOff(settings.Capture),
            CaptureServer = settings.CaptureServer,
            Progress = new ConsoleProgress(),
        };
        var watch = Stopwatch.StartNew();
        var fleet = await LabFleet.UpAsync(options, cancellationToken);
        watch.Stop();

        var table = new Table().AddColumns("host", "address", "namespace");
        foreach (var h in fleet.Hosts.Append(fleet.Homer))
        {
            table.AddRow(h.Name, h.Address.ToString(), h.NetworkNamespace);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Lab [bold]{fleet.Name}[/] is up ({fleet.Hosts.Count} hosts, scenario {fleet.Settings.Scenario}) in {watch.Elapsed.TotalSeconds:0.0} s.");
        AnsiConsole.MarkupLineInterpolated($"  inventory:   {fleet.InventoryPath}");
        AnsiConsole.MarkupLineInterpolated($"  known_hosts: {fleet.KnownHostsPath}");
        AnsiConsole.MarkupLineInterpolated($"  client key:  {fleet.ClientPrivateKeyPath}");
        AnsiConsole.MarkupLineInterpolated($"  users:       {fleet.LoginUser} (sudo without password), {fleet.PasswordUser} (password in {Path.Combine(fleet.Directory, "sudo-password")}), root");
        AnsiConsole.MarkupLineInterpolated($"Try: ansible all -i {fleet.InventoryPath} -m ping");
        return 0;
    }
}
