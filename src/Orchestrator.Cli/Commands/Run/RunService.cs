using Orchestrator.Cli.Output;
using Orchestrator.Core.Configuration;
using Orchestrator.Core.Errors;
using Orchestrator.Engine;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;
using Orchestrator.Inventory;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>Turns the settings into <see cref="PlaybookRunOptions"/>, runs (or lists) the playbook and returns the exit code.</summary>
internal sealed class RunService(TextWriter stdout, TextWriter stderr, IAnsiConsole? terminal, TimeProvider? time = null)
{
    /// <summary>The playbook, inventory or options are invalid; nothing ran (Ansible's "error" code).</summary>
    public const int InvalidInputExitCode = 1;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<int> RunAsync(RunCommand.Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCoreAsync(settings, cancellationToken);
        }
        catch (UserInputException ex) when (ex.ExitCode == 2)
        {
            // Load-time problems exit 1, so 2 keeps meaning "a host failed".
            throw new UserInputException(ex.Detail, ex.Location, InvalidInputExitCode, ex);
        }
    }

    private async Task<int> RunCoreAsync(RunCommand.Settings settings, CancellationToken cancellationToken)
    {
        var config = CommandConfiguration.Load(stderr);
        var transport = new CommandTransport(settings, config, stderr, settings.Verbosity >= 3, _time);
        var vault = settings.CreateVault(config, transport.Redactor);
        var extraVars = ExtraVariables.Parse(settings.ExtraVars, vault);

        // Loading the playbook alone needs no inventory.
        var loadOnly = settings.SyntaxCheck || settings.ListTasks || settings.ListTags;
        HostInventory? inventory = loadOnly && settings.Inventory.Length == 0 && config.Inventory.Count == 0
            ? null
            : InventoryLoader.Load(ConfiguredInventory.Sources(settings.Inventory, config), new InventoryLoadOptions { Expressions = new InventoryExpressionEvaluator(), ExtraVars = extraVars, Vault = vault });
        var forks = settings.Forks ?? config.Forks ?? SettingDefinitions.DefaultForks;
        if (inventory is not null)
        {
            transport.AddSecretsOf(inventory.Hosts);
        }

        var step = settings.Step ? StepPrompt.Create(terminal) : null;
        var text = new TextRunOutput(stdout, settings.Verbosity, terminal);
        IRunOutput output = settings.Output == "json" ? new JsonLinesRunOutput(stdout) : text;

        // On a terminal, a live progress line per task runs under the text output.
        var prompt = TerminalVarsPrompt.Create(terminal);
        var progress = terminal is not null && settings.Output == "text" && !settings.Step ? new ProgressRunOutput(text, terminal) : null;
        using var connector = transport.Connect(Math.Min(forks, inventory?.Hosts.Count ?? 1));
        PlaybookRunOptions Options(IRunOutput runOutput) => new()
        {
            PlaybookPath = settings.Playbook,
            Inventory = inventory,
            Connector = connector,
            Modules = RunModules.Create(),
            Limit = settings.Limit,
            Tags = SplitTags(settings.Tags),
            SkipTags = SplitTags(settings.SkipTags),
            Check = settings.Check,
            Diff = settings.Diff,
            Forks = forks,
            RolesPath = config.RolesPath,
            GatherFactsDefault = config.GatherFactsByDefault,
            BecomeDefault = config.Become,
            ExtraVars = extraVars,
            Output = runOutput,
            TimeProvider = _time,
            ForceHandlers = settings.ForceHandlers,
            StartAtTask = settings.StartAtTask,
            Step = step,
            VarsPrompt = prompt,
            DetailedExitCode = settings.DetailedExitCode,
            Redactor = transport.Redactor,
            Vault = vault,
        };

        var options = Options(progress ?? output);
        if (settings.SyntaxCheck || settings.ListTasks || settings.ListHosts || settings.ListTags)
        {
            PlaybookRunner.SyntaxCheck(options);
            if (settings.ListTasks)
            {
                stdout.Write(PlaybookRunner.ListTasks(options));
            }

            if (settings.ListHosts)
            {
                stdout.Write(PlaybookRunner.ListHosts(options));
            }

            if (settings.ListTags)
            {
                stdout.Write(PlaybookRunner.ListTags(options));
            }

            if (settings.SyntaxCheck)
            {
                stdout.WriteLine($"\nplaybook: {settings.Playbook}");
            }

            return 0;
        }

        // A vars_prompt question is asked on the terminal, which the live progress display would draw over.
        if (progress is not null && prompt is not null && PlaybookRunner.AsksVarsPrompt(options))
        {
            progress = null;
            options = Options(output);
        }

        var result = progress is null
            ? await PlaybookRunner.RunAsync(options, cancellationToken)
            : await progress.RunAsync(() => PlaybookRunner.RunAsync(options, cancellationToken));
        return result.ExitCode;
    }

    private static List<string> SplitTags(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
}
