using Orchestrator.Engine.Templating;
using Orchestrator.Inventory;
using Orchestrator.Transport.AdHoc;

namespace Orchestrator.Cli.Commands.Exec;

/// <summary>Loads the inventory, runs the command on the selected hosts and prints per-host results and a summary.</summary>
internal sealed class ExecService
{
    /// <summary>Ansible's exit codes: some host failed.</summary>
    public const int FailedHostsExitCode = 2;

    /// <summary>Ansible's exit codes: some host was unreachable (wins over failed).</summary>
    public const int UnreachableHostsExitCode = 4;

    /// <summary>Ansible's default for ad-hoc commands, kept when neither --forks nor ansible.cfg says.</summary>
    public const int DefaultForks = 5;

    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly bool _color;
    private readonly TimeProvider _time;

    public ExecService(TextWriter stdout, TextWriter stderr, bool color, TimeProvider? time = null)
    {
        _out = stdout;
        _err = stderr;
        _color = color;
        _time = time ?? TimeProvider.System;
    }

    public async Task<int> RunAsync(ExecCommand.Settings settings, string command, CancellationToken cancellationToken)
    {
        var config = CommandConfiguration.Load(_err);
        var transport = new CommandTransport(settings, config, _err, settings.Verbose, _time);
        var inventory = InventoryLoader.Load(ConfiguredInventory.Sources(settings.Inventory, config), new InventoryLoadOptions { Expressions = new InventoryExpressionEvaluator(), Vault = settings.CreateVault(config, transport.Redactor) });
        var hosts = inventory.SelectHosts(settings.Limit);
        var forks = settings.Forks ?? config.Forks ?? DefaultForks;
        if (hosts.Count == 0)
        {
            transport.Log.Warn($"no hosts matched '{settings.Limit}', nothing to do");
            return 0;
        }

        transport.AddSecretsOf(hosts);
        using var connector = transport.Connect(
            Math.Min(forks, hosts.Count),
            settings.TaskTimeout is { } t ? TimeSpan.FromSeconds(t) : null);
        var runner = new AdHocRunner(connector, _time, transport.Redactor);
        IExecOutput output = settings.Output == "json" ? new JsonExecOutput(_out) : new TextExecOutput(_out, _color);
        var started = _time.GetTimestamp();
        var request = new AdHocRequest(command) { Forks = forks, Become = settings.Become || config.Become, BecomeUser = settings.BecomeUser };
        var results = await runner.RunAsync(
            hosts.Select(h => KeyValuePair.Create(h.Name, h.Variables)).ToList(),
            request,
            r => output.WriteHostAsync(r),
            cancellationToken);

        var exitCode = results.Any(r => r.Status == AdHocStatus.Unreachable) ? UnreachableHostsExitCode
            : results.Any(r => r.Status == AdHocStatus.Failed) ? FailedHostsExitCode
            : 0;
        await output.WriteSummaryAsync(results, _time.GetElapsedTime(started), exitCode);
        return exitCode;
    }
}
