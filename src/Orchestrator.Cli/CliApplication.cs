using Orchestrator.Cli.Commands.Lab;
using Orchestrator.Core.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli;

/// <summary>Builds the command tree and is the one place that turns exceptions into a message and an exit code.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = new CommandApp();
        app.Configure(Configure);

        // Spectre.Console.Cli answers --version (and -v) at the root; -V is the other spelling CLIs accept.
        if (args is ["-V"])
        {
            args = ["--version"];
        }

        var showStack = args.Any(a => a is "-vvv" or "-vvvv");
        var secrets = Output.CliSecrets.Begin();
        try
        {
            return await app.RunAsync(args);
        }
        catch (Exception ex)
        {
            return ReportFailure(ex, showStack, secrets, args);
        }
    }

    internal static void Configure(IConfigurator config)
    {
        config.SetApplicationName("orchestrator");
        config.SetApplicationVersion(CliVersion.Line);
        config.PropagateExceptions();
        config.ValidateExamples();
        // Commands register here, one line each.
        config.AddLabCommands();
        Commands.Vault.VaultCommands.AddVaultCommands(config);
        Commands.FreeSwitch.FreeSwitchCommands.AddFreeSwitchCommands(config);
        Commands.Config.ConfigCommands.AddConfigCommands(config);
        config.AddCommand<Commands.Exec.ExecCommand>("exec").WithDescription("Run a shell command on the hosts of an inventory, like `ansible PATTERN -m shell -a`.").WithExample("exec", "-i", "inventory.yml", "-l", "freeswitch", "--", "uptime");
        config.AddCommand<Commands.Run.RunCommand>("run").WithDescription("Run a playbook on the hosts of an inventory, like ansible-playbook, with an honest --check.").WithExample("run", "site.yml", "-i", "inventory.yml", "--check", "--diff");
        config.AddCommand<Commands.Sweep.SweepCommand>("sweep").WithDescription("Check hosts against a compliance policy, once or on a schedule (`sweep history`: first seen/fixed, flapping, trend). Exit 0 compliant, 2 non-compliant, 4 unreachable, 6 both; 1 is added when a report could not be written.").WithExample("sweep", "-i", "inventory.yml", "--policy", "policies/freeswitch-capture.yml", "--become", "--report", "cli", "--report", "html:report.html").WithExample("sweep", "history", "--since", "7d");
        config.AddCommand<Commands.Inventory.InventoryCommand>("inventory").WithDescription("Show an Ansible inventory as Orchestrator reads it (--list, --graph, --host, --list-hosts).");
    }

    internal static int ReportFailure(Exception ex, bool showStack, Core.Secrets.SecretRedactor? secrets = null, IReadOnlyList<string>? args = null)
    {
        // Everything printed here goes through the invocation's redactor: a message may quote a secret.
        var redactor = secrets ?? Core.Secrets.SecretRedactor.Empty;
        void Print(string line) => Console.Error.WriteLine(redactor.Redact(line));
        switch (ex)
        {
            case UserInputException u:
                Print($"ERROR: {u.Message}");
                if (showStack)
                {
                    Print(u.ToString());
                }

                return u.ExitCode;
            case CommandParseException or CommandRuntimeException:
                Print($"ERROR: {OptionValueError.Reword(ex.Message, args ?? []) ?? ex.Message}");
                return 2;
            case OperationCanceledException:
                Print("Interrupted.");
                return 130;
            default:
                Print($"ERROR: unexpected failure: {ex.Message}");
                if (showStack)
                {
                    Print(ex.ToString());
                }
                else
                {
                    Print("(run with -vvv for the stack trace)");
                }

                return 1;
        }
    }
}
