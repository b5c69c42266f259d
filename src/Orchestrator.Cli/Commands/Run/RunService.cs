using Orchestrator.Cli.Commands.Exec;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Transport;
using Spectre.Console;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>The modules a CLI run can use. Other areas (FreeSWITCH) register their modules and fact providers here.</summary>
internal static class RunModules
{
    public static ModuleRegistry Create() => Orchestrator.FreeSwitch.FreeSwitchModules.Register(ModuleRegistry.CreateDefault());
}

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
        var redactor = new SecretRedactor();
        var extraVars = ExtraVariables.Parse(settings.ExtraVars);
        HostInventory? inventory = settings.Inventory.Length > 0 ? InventoryLoader.Load(settings.Inventory) : null;
        var log = new StderrLoggerFactory(stderr, redactor, settings.Verbosity >= 3);
        var transport = new TransportOptions
        {
            SshConfigPath = settings.SshConfig,
            HostKeyCheckingOverride = settings.HostKeyCheckingMode,
            ConnectTimeout = TimeSpan.FromSeconds(settings.Timeout),
            PassphraseProvider = new ConsolePassphraseProvider(),
            Redactor = redactor,
            TimeProvider = _time,
            LoggerFactory = log,
        };
        if (inventory is not null)
        {
            foreach (var secret in inventory.Hosts.SelectMany(h => h.Variables.Values).OfType<Secret>())
            {
                redactor.Add(secret);
            }
        }

        var step = settings.Step ? StepPrompt.Create(terminal) : null;
        var text = new TextRunOutput(stdout, settings.Verbosity, terminal);
        IRunOutput output = settings.Output == "json" ? new JsonLinesRunOutput(stdout) : text;
        using var connector = new HostConnector(transport);
        var options = new PlaybookRunOptions
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
            Forks = settings.Forks,
            ExtraVars = extraVars,
            Output = output,
            TimeProvider = _time,
            ForceHandlers = settings.ForceHandlers,
            StartAtTask = settings.StartAtTask,
            Step = step,
            DetailedExitCode = settings.DetailedExitCode,
            Redactor = redactor,
        };

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

        // SSH.NET waits synchronously while opening channels; keep enough pool threads for the forks.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Math.Min(settings.Forks, inventory?.Hosts.Count ?? 1) * 2 + 4), io);

        PlaybookRunResult result;
        if (terminal is not null && settings.Output == "text" && !settings.Step)
        {
            result = await ProgressRunOutput.RunWithProgressAsync(terminal, options, text, cancellationToken);
        }
        else
        {
            result = await PlaybookRunner.RunAsync(options, cancellationToken);
        }

        return result.ExitCode;
    }

    private static List<string> SplitTags(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
}
