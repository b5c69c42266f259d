using System.ComponentModel;
using Orchestrator.Transport;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Exec;

/// <summary><c>orchestrator exec -i INV [-l PATTERN] -- 'command'</c>: like <c>ansible PATTERN -m shell -a</c>.</summary>
internal sealed class ExecCommand : AsyncCommand<ExecCommand.Settings>
{
    internal sealed class Settings : ConnectionCommandSettings
    {
        [CommandOption("-i|--inventory <INVENTORY>")]
        [Description("Inventory file or directory; repeat for several (a later one wins). Default: ansible.cfg inventory (ANSIBLE_INVENTORY)")]
        public string[] Inventory { get; init; } = [];

        [CommandOption("-l|--limit <PATTERN>")]
        [Description("Host pattern, as in Ansible (all, globs, ~regex, a:b, a:&b, a:!b). Default: all")]
        public string Limit { get; init; } = "all";

        [CommandOption("-f|--forks <N>")]
        [Description("Hosts worked on at once. Default: ansible.cfg forks (ANSIBLE_FORKS), else 5")]
        public int? Forks { get; init; }

        [CommandOption("-b|--become")]
        [Description("Run the command through sudo (to root, or --become-user). Default: ansible.cfg become (ANSIBLE_BECOME)")]
        public bool Become { get; init; }

        [CommandOption("--become-user <USER>")]
        [Description("User to become. Default: ansible_become_user, else ansible.cfg become_user, else root")]
        public string? BecomeUser { get; init; }

        [CommandOption("-a|--args <COMMAND>")]
        [Description("The shell command (or give it after --).")]
        public string? Args { get; init; }

        [CommandOption("--task-timeout <SECONDS>")]
        [Description("Kill the command (its whole process group) after this long; rc=124. Default: none")]
        public int? TaskTimeout { get; init; }

        [CommandOption("-o|--output <FORMAT>")]
        [Description("text (default) or json: one JSON object per line, per host, then a summary.")]
        public string Output { get; init; } = "text";

        [CommandOption("-v|--verbose")]
        [Description("Also log connection attempts and retries on stderr.")]
        public bool Verbose { get; init; }

        public override ValidationResult Validate()
        {
            if (ValidateForks(Forks) is { } forksError)
            {
                return forksError;
            }

            if (TaskTimeout is < 1)
            {
                return ValidationResult.Error($"--task-timeout {TaskTimeout}: expected a positive number of seconds.");
            }

            if (ValidateOutput(Output) is { } outputError)
            {
                return outputError;
            }

            if (ValidateConnection() is { } connectionError)
            {
                return connectionError;
            }

            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var command = settings.Args ?? string.Join(' ', context.Remaining.Raw);
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new Core.Errors.UserInputException("no command given; expected: orchestrator exec -i INVENTORY [-l PATTERN] -- 'command'");
        }

        using var interrupt = ConsoleInterrupt.Link(cancellationToken);
        return await new ExecService(Console.Out, Console.Error, AnsiConsole.Profile.Capabilities.Ansi && !Console.IsOutputRedirected)
            .RunAsync(settings, command, interrupt.Token);
    }
}
