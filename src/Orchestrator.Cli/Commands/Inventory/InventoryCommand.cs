using System.ComponentModel;
using Orchestrator.Engine;
using Orchestrator.Engine.Templating;
using Orchestrator.Inventory;
using Orchestrator.Inventory.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Inventory;

/// <summary><c>orchestrator inventory</c>: the ansible-inventory views (--list, --graph, --host) plus --list-hosts.</summary>
internal sealed class InventoryCommand : Command<InventoryCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandOption("-i|--inventory <PATH>")]
        [Description("Inventory source: an INI/YAML/JSON file, a directory of them, or a host list 'h1,h2,'. Repeat to merge; a later source wins. Default: ansible.cfg inventory (ANSIBLE_INVENTORY)")]
        public string[] Inventory { get; init; } = [];

        [CommandOption("--list")]
        [Description("Print every group and every host's merged variables as JSON, like ansible-inventory --list.")]
        public bool List { get; init; }

        [CommandOption("--graph [GROUP]")]
        [Description("Draw the groups and hosts as a tree, from GROUP (default all).")]
        public FlagValue<string>? Graph { get; init; }

        [CommandOption("--host <NAME>")]
        [Description("Print one host's merged variables as JSON.")]
        public string? Host { get; init; }

        [CommandOption("--list-hosts <PATTERN>")]
        [Description("List the hosts an Ansible host pattern selects, in Ansible's order (like ansible PATTERN --list-hosts).")]
        public string? ListHosts { get; init; }

        [CommandArgument(0, "[GROUP]")]
        [Description("With --graph: the group to start from (as ansible-inventory takes it).")]
        public string? Group { get; init; }

        [CommandOption("--vars")]
        [Description("With --graph: show host and group variables.")]
        public bool Vars { get; init; }

        [CommandOption("-l|--limit <PATTERN>")]
        [Description("Only hosts matching this pattern (@file reads patterns from a file).")]
        public string? Limit { get; init; }

        [CommandOption("-y|--yaml")]
        [Description("With --list or --host: print YAML instead of JSON.")]
        public bool Yaml { get; init; }

        [CommandOption("-e|--extra-vars <VARS>")]
        [Description("Extra variables (key=value, JSON/YAML, or @file), seen by constructed files with use_extra_vars: true. Repeatable.")]
        public string[] ExtraVars { get; init; } = [];

        [CommandOption("--script-timeout <SECONDS>")]
        [Description("Stop an inventory script that runs longer than this (default 60).")]
        public double? ScriptTimeout { get; init; }

        [CommandOption("-v|--verbose")]
        [Description("More detail on errors (-vvv adds the stack trace).")]
        public bool Verbose { get; init; }

        public override ValidationResult Validate()
        {
            var actions = (List ? 1 : 0) + (Graph is { IsSet: true } ? 1 : 0) + (Host is null ? 0 : 1) + (ListHosts is null ? 0 : 1);
            if (actions != 1)
            {
                return ValidationResult.Error(
                    actions == 0
                        ? "found no action; expected one of --list, --graph, --host NAME or --list-hosts PATTERN"
                        : "found more than one action; expected only one of --list, --graph, --host NAME or --list-hosts PATTERN");
            }

            if (ScriptTimeout is { } seconds && (!double.IsFinite(seconds) || seconds <= 0 || seconds > 86_400))
            {
                return ValidationResult.Error($"found --script-timeout {seconds}; expected a number of seconds above 0 and at most 86400");
            }

            if (Group is not null && Graph is not { IsSet: true })
            {
                return ValidationResult.Error($"found the argument '{Group}' without --graph; expected a group name only after --graph");
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Spectre.Console.Cli keeps unknown options aside instead of failing; a typo must not be ignored.
        if (context.Remaining.Raw.Count > 0 || context.Remaining.Parsed.Count > 0)
        {
            var unknown = context.Remaining.Raw.Concat(context.Remaining.Parsed.Select(p => p.Key)).First();
            throw new Core.Errors.UserInputException($"found unknown argument '{unknown}'; expected the options listed by orchestrator inventory --help");
        }

        var config = CommandConfiguration.Load(Console.Error);
        var inventory = InventoryLoader.Load(ConfiguredInventory.Sources(settings.Inventory, config), new InventoryLoadOptions
        {
            Expressions = new InventoryExpressionEvaluator(),
            ExtraVars = ExtraVariables.Parse(settings.ExtraVars),
            ExtraVarsInHostVariables = true,
            ScriptTimeout = settings.ScriptTimeout is { } seconds ? TimeSpan.FromSeconds(seconds) : InventoryLoadOptions.DefaultScriptTimeout,
            Vault = settings.CreateVault(config, Output.CliSecrets.Current),
            KeepVaultedValues = true,
        });
        var warnings = new List<string>(inventory.Warnings);

        using var stdout = new ChunkedConsoleWriter();
        try
        {
            if (settings.List)
            {
                var document = settings.Yaml ? InventoryListing.ListYamlShape(inventory, settings.Limit) : InventoryListing.List(inventory, settings.Limit);
                WriteDocument(stdout, document, settings.Yaml);
            }
            else if (settings.Host is { } host)
            {
                WriteDocument(stdout, InventoryListing.Host(inventory, host, settings.Limit, warnings.Add), settings.Yaml);
            }
            else if (settings.ListHosts is { } pattern)
            {
                stdout.Write(InventoryListing.ListHosts(inventory.SelectHosts(pattern, settings.Limit, warnings.Add)));
            }
            else
            {
                var group = settings.Graph?.Value ?? settings.Group ?? "all";
                var graph = InventoryListing.Graph(inventory, group, settings.Vars, settings.Limit);
                AnsiConsole.Write(InventoryTreeRenderer.Render(graph));
            }
        }
        finally
        {
            stdout.Flush();
            foreach (var warning in warnings)
            {
                Console.Error.WriteLine($"[WARNING]: {warning}");
            }
        }

        return 0;
    }

    private static void WriteDocument(TextWriter stdout, IReadOnlyDictionary<string, object?> document, bool yaml)
    {
        if (yaml)
        {
            stdout.Write(InventoryYaml.Serialize(document));
        }
        else
        {
            AnsibleJson.Write(stdout, document);
            stdout.Write('\n');
        }
    }
}
