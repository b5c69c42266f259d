using System.ComponentModel;
using Orchestrator.Cli.Commands.Exec;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Run;

/// <summary><c>orchestrator run PLAYBOOK [-i INV]</c>: like <c>ansible-playbook</c>, with an honest check mode; ansible.cfg fills what is not given.</summary>
internal sealed class RunCommand : AsyncCommand<RunCommand.Settings>
{
    internal sealed class Settings : ConnectionCommandSettings
    {
        [CommandArgument(0, "<PLAYBOOK>")]
        [Description("The playbook (YAML list of plays).")]
        public string Playbook { get; init; } = string.Empty;

        [CommandOption("-i|--inventory <INVENTORY>")]
        [Description("Inventory file or directory; repeat for several (a later one wins). Default: ansible.cfg inventory (ANSIBLE_INVENTORY)")]
        public string[] Inventory { get; init; } = [];

        [CommandOption("-l|--limit <PATTERN>")]
        [Description("Further limit the hosts of every play to this host pattern.")]
        public string? Limit { get; init; }

        [CommandOption("-t|--tags <TAGS>")]
        [Description("Only run tasks with these tags (comma-separated, repeatable).")]
        public string[] Tags { get; init; } = [];

        [CommandOption("--skip-tags <TAGS>")]
        [Description("Skip tasks with these tags (comma-separated, repeatable).")]
        public string[] SkipTags { get; init; } = [];

        [CommandOption("-C|--check")]
        [Description("Plan only: report what would change (and what cannot be predicted) without changing any host.")]
        public bool Check { get; init; }

        [CommandOption("-D|--diff")]
        [Description("Show unified diffs of file changes, and mode/owner changes.")]
        public bool Diff { get; init; }

        [CommandOption("--detailed-exitcode")]
        [Description("With --check: exit 10 when changes are pending (or unknown), 0 when nothing would change.")]
        public bool DetailedExitCode { get; init; }

        [CommandOption("-f|--forks <N>")]
        [Description("Hosts worked on at once. Default: ansible.cfg forks (ANSIBLE_FORKS), else 50")]
        public int? Forks { get; init; }

        [CommandOption("-e|--extra-vars <VARS>")]
        [Description("Extra variables, highest precedence: k=v pairs, a JSON/YAML mapping, or @file.yml. Repeatable.")]
        public string[] ExtraVars { get; init; } = [];

        [CommandOption("--start-at-task <NAME>")]
        [Description("Start at the first task with this name.")]
        public string? StartAtTask { get; init; }

        [CommandOption("--step")]
        [Description("Ask before each task (needs a terminal).")]
        public bool Step { get; init; }

        [CommandOption("--force-handlers")]
        [Description("Run notified handlers even on hosts that failed later.")]
        public bool ForceHandlers { get; init; }

        [CommandOption("--syntax-check")]
        [Description("Only load and validate the playbook.")]
        public bool SyntaxCheck { get; init; }

        [CommandOption("--list-tasks")]
        [Description("List the tasks that would run.")]
        public bool ListTasks { get; init; }

        [CommandOption("--list-hosts")]
        [Description("List the hosts each play would run on.")]
        public bool ListHosts { get; init; }

        [CommandOption("--list-tags")]
        [Description("List the tags of each play.")]
        public bool ListTags { get; init; }

        [CommandOption("-o|--output <FORMAT>")]
        [Description("text (default) or json: JSON lines, one event per task result and a recap (schema in docs/playbooks.md).")]
        public string Output { get; init; } = "text";

        [CommandOption("-v|--verbose")]
        [Description("More output; -vv and -vvv for more still.")]
        public bool Verbose { get; init; }

        /// <summary>How many v's were given (-v, -vv, -vvv); Spectre reads them as one flag, so the command counts them.</summary>
        public int Verbosity { get; set; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Playbook))
            {
                return ValidationResult.Error("a playbook is required: orchestrator run PLAYBOOK -i INVENTORY");
            }

            if (ValidateForks(Forks) is { } forksError)
            {
                return forksError;
            }

            if (ValidateOutput(Output) is { } outputError)
            {
                return outputError;
            }

            if (ValidateConnection() is { } connectionError)
            {
                return connectionError;
            }

            if (DetailedExitCode && !Check)
            {
                return ValidationResult.Error("--detailed-exitcode needs --check.");
            }

            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.Verbosity = CountVerbosity(context.Arguments);
        using var interrupt = ConsoleInterrupt.Link(cancellationToken);
        var terminal = AnsiConsole.Profile.Capabilities.Ansi && !Console.IsOutputRedirected;
        return await new RunService(Console.Out, Console.Error, terminal ? AnsiConsole.Console : null).RunAsync(settings, interrupt.Token);
    }

    internal static int CountVerbosity(IEnumerable<string> arguments) =>
        arguments.Sum(a => a == "--verbose" ? 1 : System.Text.RegularExpressions.Regex.IsMatch(a, "^-v+$") ? a.Length - 1 : 0);
}
