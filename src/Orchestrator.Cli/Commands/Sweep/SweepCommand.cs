using System.ComponentModel;
using System.Runtime.InteropServices;
using Orchestrator.Cli.Output;
using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Reports;
using Orchestrator.Compliance.Scheduling;
using Orchestrator.Compliance.Sweeping;
using Orchestrator.Core.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Sweep;

/// <summary>
/// <c>orchestrator sweep -i INV --policy FILE</c>: check every host against a compliance policy, once or on a schedule.
/// Exit codes are a bit set: 0 compliant, 2 non-compliant, 4 unreachable hosts (6 = both).
/// </summary>
internal sealed class SweepCommand : AsyncCommand<SweepCommand.Settings>
{
    /// <summary>Hosts checked at once when neither --forks nor ansible.cfg says.</summary>
    public const int DefaultForks = 20;

    internal sealed class Settings : ConnectionCommandSettings
    {
        [CommandArgument(0, "[ACTION]")]
        [Description("Nothing to sweep; `history` to show the history instead (first seen / fixed, flapping, trend).")]
        public string? Action { get; init; }

        [CommandOption("-i|--inventory <INVENTORY>")]
        [Description("Inventory file or directory; repeat for several (a later one wins). Default: ansible.cfg inventory (ANSIBLE_INVENTORY)")]
        public string[] Inventory { get; init; } = [];

        [CommandOption("--policy <FILE>")]
        [Description("The policy file (controls and waivers), e.g. policies/freeswitch-capture.yml.")]
        public string? Policy { get; init; }

        [CommandOption("-l|--limit <PATTERN>")]
        [Description("Host pattern, as in Ansible. Default: all")]
        public string Limit { get; init; } = "all";

        [CommandOption("-f|--forks <N>")]
        [Description("Hosts checked at once. Default: ansible.cfg forks (ANSIBLE_FORKS), else 20")]
        public int? Forks { get; init; }

        [CommandOption("--report <SPEC>")]
        [Description("cli, json:PATH, junit:PATH or html:PATH; repeat for several. Default: cli")]
        public string[] Report { get; init; } = [];

        [CommandOption("--db <PATH>")]
        [Description("The SQLite history. Default: $XDG_STATE_HOME/orchestrator/compliance.db (~/.local/state/orchestrator/compliance.db)")]
        public string? Database { get; init; }

        [CommandOption("--remediate")]
        [Description("Run the remediation playbooks of failing controls (on the failing hosts only), then check again.")]
        public bool Remediate { get; init; }

        [CommandOption("--schedule <CRON>")]
        [Description("Keep running and sweep on this cron schedule (5 fields, or 6 with seconds first). Stops on SIGINT/SIGTERM.")]
        public string? Schedule { get; init; }

        [CommandOption("--time-zone <TZ>")]
        [Description("Time zone of --schedule (IANA name). Default: UTC")]
        public string? TimeZone { get; init; }

        [CommandOption("--metrics-listen <HOST:PORT>")]
        [Description("Serve Prometheus metrics at http://HOST:PORT/metrics, e.g. 127.0.0.1:9464.")]
        public string? MetricsListen { get; init; }

        [CommandOption("--stop-grace <SECONDS>")]
        [Description("On SIGINT/SIGTERM, how long the running pass may finish before it is abandoned. Default: 30")]
        public int StopGrace { get; init; } = 30;

        [CommandOption("-b|--become")]
        [Description("Read the facts through sudo (needed to see FreeSWITCH's sockets and log unless logging in as root). Default: ansible.cfg become (ANSIBLE_BECOME)")]
        public bool Become { get; init; }

        [CommandOption("--become-user <USER>")]
        [Description("User to become. Default: root")]
        public string? BecomeUser { get; init; }

        [CommandOption("-v|--verbose")]
        [Description("Also log connection attempts and retries on stderr.")]
        public bool Verbose { get; init; }

        [CommandOption("--host <HOST>")]
        [Description("history: only this host's failures and flapping.")]
        public string? Host { get; init; }

        [CommandOption("--control <ID>")]
        [Description("history: only this control's failures.")]
        public string? Control { get; init; }

        [CommandOption("--since <WHEN>")]
        [Description("history: only since an ISO date/time (2026-11-01, 2026-11-01T08:00Z) or a duration back from now (90m, 24h, 7d, 2w).")]
        public string? Since { get; init; }

        [CommandOption("--flap-threshold <N>")]
        [Description("history: a host flaps when its compliance changed at least N times. Default: 3")]
        public int FlapThreshold { get; init; } = 3;

        [CommandOption("--json")]
        [Description("history: print JSON instead of tables.")]
        public bool Json { get; init; }

        public bool IsHistory => Action == "history";

        public override ValidationResult Validate()
        {
            if (Action is not null && !IsHistory)
            {
                return ValidationResult.Error($"unknown action '{Action}': expected `orchestrator sweep -i INV --policy FILE` or `orchestrator sweep history`.");
            }

            if (IsHistory)
            {
                return NotADirectory("--db", Database) is { } dbError ? dbError
                    : FlapThreshold < 1 ? ValidationResult.Error($"--flap-threshold {FlapThreshold}: expected 1 or more.")
                    : Inventory.Length > 0 || Policy is not null || Schedule is not null || Report.Length > 0 || Remediate ? ValidationResult.Error("sweep history reads the history only: it takes --db, --host, --control, --since, --flap-threshold and --json.")
                    : ValidationResult.Success();
            }

            if (Host is not null || Control is not null || Since is not null || Json)
            {
                return ValidationResult.Error("--host, --control, --since and --json belong to `orchestrator sweep history`.");
            }

            if (string.IsNullOrWhiteSpace(Policy))
            {
                return ValidationResult.Error("--policy is required: a policy file such as policies/freeswitch-capture.yml.");
            }

            if (ValidateForks(Forks) is { } forksError)
            {
                return forksError;
            }

            if (StopGrace is < 0 or > 3600)
            {
                return ValidationResult.Error($"--stop-grace {StopGrace}: expected 0 to 3600 seconds.");
            }

            if (TimeZone is not null && Schedule is null)
            {
                return ValidationResult.Error("--time-zone needs --schedule.");
            }

            if (ValidateConnection() is { } connectionError)
            {
                return connectionError;
            }

            // Every option is checked here, before the history or a report is written.
            return NotADirectory("--policy", Policy)
                ?? NotADirectory("--db", Database)
                ?? Report.Select(ValidateReport).FirstOrDefault(e => e is not null)
                ?? (Schedule is null ? null : CheckParse(() => SweepSchedule.Parse(Schedule, TimeZone)))
                ?? (MetricsListen is null ? null : CheckParse(() => ComplianceSweepOptions.ValidateMetricsListen(MetricsListen)))
                ?? ValidationResult.Success();
        }

        private static ValidationResult? ValidateReport(string spec)
        {
            ReportSpec parsed;
            try
            {
                parsed = ReportSpec.Parse(spec);
            }
            catch (UserInputException ex)
            {
                return ValidationResult.Error(ex.Message);
            }

            return NotADirectory("--report", parsed.Path);
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.IsHistory)
        {
            return SweepHistory.Show(settings);
        }

        var reports = settings.Report.Select(ReportSpec.Parse).ToList();
        var schedule = settings.Schedule is { } cron ? SweepSchedule.Parse(cron, settings.TimeZone) : null;
        var config = CommandConfiguration.Load(Console.Error);
        var inventory = ConfiguredInventory.Sources(settings.Inventory, config);
        var forks = settings.Forks ?? config.Forks ?? DefaultForks;
        var transport = new CommandTransport(settings, config, Console.Error, settings.Verbose, TimeProvider.System);
        using var connector = transport.Connect(forks);

        // First SIGINT/SIGTERM: stop (a one-shot pass is cancelled; a daemon finishes its pass within --stop-grace). Second: abandon.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abandon = new CancellationTokenSource();
        var signals = 0;
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                Console.Error.WriteLine($"{signal.Signal}: stopping{(schedule is null ? string.Empty : $" (the running pass has {settings.StopGrace} s to finish)")}");
                stop.Cancel();
                abandon.CancelAfter(TimeSpan.FromSeconds(settings.StopGrace));
            }
            else
            {
                abandon.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        using var sweep = new ComplianceSweep(new ComplianceSweepOptions
        {
            PolicyPath = settings.Policy!,
            Inventory = inventory,
            Limit = settings.Limit,
            Forks = forks,
            Reports = reports,
            DatabasePath = settings.Database ?? HistoryStore.DefaultPath(),
            Remediate = settings.Remediate,
            Schedule = schedule,
            MetricsListen = settings.MetricsListen,
            Connector = connector,
            Gather = new Compliance.Facts.GatherOptions { Become = settings.Become || config.Become, BecomeUser = settings.BecomeUser },
            RolesPath = config.RolesPath,
            GatherFactsDefault = config.GatherFactsByDefault,
            BecomeDefault = settings.Become || config.Become,
            ConsoleReport = new SweepConsoleReport(AnsiConsole.Console),
            Redactor = transport.Redactor,
            Vault = settings.CreateVault(config, transport.Redactor),
            Log = Console.Error,
        });

        if (schedule is null)
        {
            try
            {
                return await sweep.RunOnceAsync(stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw new UserInputException("interrupted: the pass was abandoned and nothing was written", exitCode: 130);
            }
        }

        return await sweep.RunScheduledAsync(stop.Token, abandon.Token);
    }
}
