using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;
using Orchestrator.Inventory;

namespace Orchestrator.Engine.Execution;

/// <summary>State shared by the whole run, every play and host.</summary>
internal sealed class RunState
{
    public required PlaybookRunOptions Options { get; init; }

    public required Playbook Playbook { get; init; }

    public required IInventorySource Inventory { get; init; }

    public required TemplateEngine Templates { get; init; }

    public required SecretRedactor Redactor { get; init; }

    public required ConnectionPool Connections { get; init; }

    public required ForkLimiter Forks { get; init; }

    public required TaskFilter Filter { get; init; }

    public required Dictionary<string, HostState> Hosts { get; init; }

    public IRunOutput Output => Options.Output;

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>A play was broken by max_fail_percentage or any_errors_fatal.</summary>
    public bool Aborted { get; set; }

    public HostState State(InventoryHost host)
    {
        lock (Hosts)
        {
            if (!Hosts.TryGetValue(host.Name, out var state))
            {
                state = new HostState(host);
                Hosts[host.Name] = state;
            }

            return state;
        }
    }
}
